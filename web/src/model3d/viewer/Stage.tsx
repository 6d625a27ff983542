import { Environment, Grid, Lightformer } from '@react-three/drei';
import { useThemeStore } from '../../app/themeStore';

/**
 * Lights shared by the viewer, the editor and the benchmark. The environment map is rendered locally from a few
 * light-formers (no HDRI download), once; a hemisphere and a key light give shape even without it.
 */
export function Lights() {
  return (
    <>
      <hemisphereLight args={['#ffffff', '#8a8f99', 0.9]} />
      <directionalLight position={[4, 8, 5]} intensity={1.6} />
      <directionalLight position={[-5, 3, -4]} intensity={0.4} />
      <Environment resolution={64} frames={1}>
        <Lightformer form="rect" intensity={2} position={[0, 5, -5]} scale={[10, 4, 1]} />
        <Lightformer form="rect" intensity={1} position={[-5, 2, 2]} rotation-y={Math.PI / 2} scale={[6, 3, 1]} />
        <Lightformer form="ring" intensity={1.5} position={[4, 4, 4]} scale={2} onUpdate={(s) => s.lookAt(0, 0, 0)} />
      </Environment>
    </>
  );
}

/** A floor grid sized to the model, in colours that read on the current theme. */
export function FloorGrid({ y = 0, step = 0.5, extent = 10 }: { y?: number; step?: number; extent?: number }) {
  const dark = useThemeStore((s) => s.theme === 'dark');
  return (
    <Grid
      position={[0, y - step * 0.002, 0]}
      cellSize={step}
      sectionSize={step * 4}
      cellThickness={0.6}
      sectionThickness={1}
      cellColor={dark ? '#3a404c' : '#c5cad3'}
      sectionColor={dark ? '#566072' : '#9aa2b0'}
      fadeDistance={extent}
      fadeStrength={1.5}
      infiniteGrid
      followCamera={false}
    />
  );
}
