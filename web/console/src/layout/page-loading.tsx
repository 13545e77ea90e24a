import Spinner from '@cloudscape-design/components/spinner';

/** What shows while a page's chunk loads. */
export function PageLoading() {
  return (
    <div style={{ padding: 32, display: 'flex', justifyContent: 'center' }}>
      <Spinner size="large" />
    </div>
  );
}
