import { createRoot } from 'react-dom/client';
import FpsBench from './FpsBench';

const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')!).render(
  <FpsBench objects={Number(params.get('objects') ?? 50)} seconds={Number(params.get('seconds') ?? 5)} />,
);
