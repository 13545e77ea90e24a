/** A deadline's state and the live time left, as one status indicator. */
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import { useI18n } from '../i18n/i18n';
import { type DeadlineState, formatTimeLeft, timeLeft } from './deadline';

const look: Record<DeadlineState, StatusIndicatorProps.Type> = {
  running: 'in-progress',
  paused: 'stopped',
  warning: 'warning',
  breached: 'error',
};

export function Countdown(props: { dueAt: string; state: DeadlineState; now: Date }) {
  const { t } = useI18n();
  const left = timeLeft(props.dueAt, props.now);
  const time = formatTimeLeft(left, t('dayUnit'));
  return (
    <StatusIndicator type={look[props.state]}>
      {t(`deadline.${props.state}`)} · {left.overdue ? t('overdueBy', { time }) : time}
    </StatusIndicator>
  );
}
