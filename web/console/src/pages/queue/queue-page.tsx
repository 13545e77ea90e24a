export default function QueuePage() {
  return null;
}
