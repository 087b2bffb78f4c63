// The 3-D view of a designed chamber (three.js, loaded only by the Design section): the wall as a
// surface of revolution coloured by heat flux, Mach number or pressure, with a legend; turned and
// zoomed by mouse or touch (OrbitControls). It renders on demand (on a change, at most once a
// frame), not in a loop.
import { createEffect, createSignal, onCleanup, onMount, Show, untrack } from 'solid-js';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { HeatFluxRow } from '../../domain/design/design.ts';
import type { XR } from '../../domain/design/contour.ts';

export type ColourBy = 'q' | 'mach' | 'p';

/** Viridis at five stops (van der Walt & Smith, matplotlib), linear between them. */
const STOPS: [number, number, number][] = [[0.267, 0.005, 0.329], [0.229, 0.322, 0.546], [0.128, 0.567, 0.551], [0.369, 0.789, 0.383], [0.993, 0.906, 0.144]];
export function viridis(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(u));
  const f = u - i;
  return [0, 1, 2].map((k) => STOPS[i][k] + f * (STOPS[i + 1][k] - STOPS[i][k])) as [number, number, number];
}
/** Facets around the axis of the surface of revolution. */
const SEGMENTS = 72;
const css = (c: [number, number, number]) => `rgb(${c.map((v) => Math.round(v * 255)).join(',')})`;

export interface Chamber3dProps {
  contour: XR[];
  rows: HeatFluxRow[];
  colourBy: ColourBy;
  /** Legend title with unit, and a function giving the shown number of a row's value. */
  legend: { title: string; shown: (si: number) => string };
}

export default function Chamber3d(props: Chamber3dProps) {
  let host!: HTMLDivElement;
  const [failed, setFailed] = createSignal<string | null>(null);
  const [range, setRange] = createSignal<[number, number]>([0, 1]);
  let renderer: THREE.WebGLRenderer | null = null;
  let controls: OrbitControls | null = null;
  let mesh: THREE.Mesh | null = null;
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(40, 1, 0.001, 1000);
  const render = () => {
    if (!renderer) return;
    renderer.render(scene, camera);
    host.dataset.azimuth = controls ? controls.getAzimuthalAngle().toFixed(4) : '0';
  };
  // A drag sends many pointer moves per frame; drawing once per frame keeps the handler short (a
  // software-rendered frame can take a few hundred ms, and each move waited for one).
  let frame = 0;
  const requestRender = () => {
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  };

  onMount(() => {
    try {
      renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    } catch (e) {
      setFailed(`The 3-D view needs WebGL, which this browser does not offer (${e instanceof Error ? e.message : String(e)}).`);
      return;
    }
    renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    renderer.setClearColor(0xf4f6fa);
    const canvas = renderer.domElement;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', '3-D view of the thrust chamber: drag to turn, wheel or pinch to zoom');
    canvas.dataset.testid = 'chamber-3d-canvas';
    canvas.style.touchAction = 'none';
    host.prepend(canvas);
    scene.add(new THREE.AmbientLight(0xffffff, 1.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.5);
    sun.position.set(1, 2, 3);
    scene.add(sun);
    controls = new OrbitControls(camera, canvas);
    controls.addEventListener('change', requestRender);
    const resize = () => {
      const w = host.clientWidth || 600;
      const h = Math.round(Math.min(480, Math.max(260, w * 0.55)));
      renderer!.setSize(w, h);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      render();
    };
    const ro = new ResizeObserver(resize);
    ro.observe(host);
    resize();
    onCleanup(() => {
      ro.disconnect();
      cancelAnimationFrame(frame);
      controls?.dispose();
      mesh?.geometry.dispose();
      renderer?.dispose();
    });
  });

  // The surface of revolution, rebuilt and framed when the design (its contour) changes; only its
  // colours change with the quantity shown, so a turned view stays turned.
  let geometry: THREE.BufferGeometry | null = null;
  createEffect(() => {
    const c = props.contour;
    if (!renderer || c.length < 2) return;
    const seg = SEGMENTS;
    const n = c.length;
    const pos = new Float32Array(n * (seg + 1) * 3);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k <= seg; k++) {
        const phi = (2 * Math.PI * k) / seg;
        const j = 3 * (i * (seg + 1) + k);
        pos[j] = c[i].x;
        pos[j + 1] = c[i].r * Math.cos(phi);
        pos[j + 2] = c[i].r * Math.sin(phi);
      }
    }
    const index: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      for (let k = 0; k < seg; k++) {
        const a = i * (seg + 1) + k;
        const b = a + seg + 1;
        index.push(a, b, a + 1, a + 1, b, b + 1);
      }
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
    g.setAttribute('color', new THREE.BufferAttribute(new Float32Array(pos.length), 3));
    g.setIndex(index);
    g.computeVertexNormals();
    if (mesh) {
      scene.remove(mesh);
      mesh.geometry.dispose();
    }
    mesh = new THREE.Mesh(g, new THREE.MeshLambertMaterial({ vertexColors: true, side: THREE.DoubleSide }));
    scene.add(mesh);
    const x0 = c[0].x;
    const x1 = c[n - 1].x;
    const size = Math.max(x1 - x0, 2 * Math.max(...c.map((p) => p.r)));
    const mid = new THREE.Vector3((x0 + x1) / 2, 0, 0);
    controls!.target.copy(mid);
    camera.position.set(mid.x + 0.3 * size, 0.9 * size, 1.4 * size);
    camera.near = size / 1000;
    camera.far = size * 100;
    camera.updateProjectionMatrix();
    controls!.update();
    geometry = g;
    untrack(() => paint(g, props.rows, props.colourBy));
  });
  createEffect(() => {
    const rows = props.rows;
    const key = props.colourBy;
    if (geometry) paint(geometry, rows, key);
  });
  function paint(g: THREE.BufferGeometry, rows: HeatFluxRow[], key: ColourBy) {
    const col = g.getAttribute('color') as THREE.BufferAttribute;
    const perRow = SEGMENTS + 1;
    if (col.count !== rows.length * perRow) return; // rows of another design: its own effect repaints
    const vals = rows.map((r) => r[key]);
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    setRange([lo, hi]);
    const arr = col.array as Float32Array;
    for (let i = 0; i < rows.length; i++) {
      const rgb = viridis(hi > lo ? (vals[i] - lo) / (hi - lo) : 0.5);
      for (let k = 0; k < perRow; k++) arr.set(rgb, 3 * (i * perRow + k));
    }
    col.needsUpdate = true;
    render();
    // what a test (or a screen reader's tooling) can wait for: the wall is drawn, in these colours
    host.dataset.drawn = key;
  }

  return (
    <div class="chamber-3d" ref={host} data-testid="chamber-3d">
      <Show when={failed()}>{(m) => <p class="muted" role="status">{m()}</p>}</Show>
      <Show when={!failed()}>
        <div class="legend" aria-label={`Colour legend: ${props.legend.title}`} style={{ display: 'flex', 'align-items': 'center', gap: '0.5rem', 'margin-top': '0.4rem' }}>
          <span data-testid="legend-min">{props.legend.shown(range()[0])}</span>
          <span aria-hidden="true" style={{ flex: '1', height: '12px', 'border-radius': '3px', background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => css(viridis(t))).join(', ')})` }} />
          <span data-testid="legend-max">{props.legend.shown(range()[1])}</span>
          <span>{props.legend.title}</span>
        </div>
      </Show>
    </div>
  );
}
