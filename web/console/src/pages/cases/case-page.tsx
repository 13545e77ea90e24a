export default function CasePage() {
  return null;
}
