/** The dashboard's chart (a chunk of its own: Cloudscape's charts never weigh on the first screen). */
import LineChart from '@cloudscape-design/components/line-chart';
import type { ComplaintReport } from '../../../../../services/cases/domain/report';

export default function DashboardCharts(props: { trend: ComplaintReport['clockTrend']; noData: string }) {
  const series = props.trend.series.map((s) => ({
    title: `${s.regime} / ${s.clock}`,
    type: 'line' as const,
    data: s.points
      .filter((p) => p.metShare !== null)
      .map((p) => ({ x: new Date(p.start), y: p.metShare! * 100 })),
  }));
  return (
    <LineChart
      series={series}
      yDomain={[0, 100]}
      xScaleType="time"
      height={220}
      hideFilter
      // bucket starts are calendar dates: show them as dates, not as instants in the browser's zone
      i18nStrings={{
        xTickFormatter: (d) => (d as Date).toISOString().slice(0, 10),
        yTickFormatter: (y) => `${y}%`,
      }}
      ariaLabel="SLA met share over time"
      empty={props.noData}
      noMatch={props.noData}
    />
  );
}
