export default function ModelEditor(_p: { modelId: string; onClose: () => void }) {
  return null;
}
