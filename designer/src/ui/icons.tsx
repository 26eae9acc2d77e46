/** Small stroke icons for node types and toolbar buttons (inline SVG: no font or network needed). */
import type { FlowNodeType } from '../api/schemas.ts';

const paths: Record<FlowNodeType | 'undo' | 'redo' | 'layout' | 'fit' | 'import' | 'export' | 'play' | 'inbox' | 'runs' | 'flow' | 'plug', string> = {
  start: 'M8 5v14l11-7z',
  action: 'M13 2 4 14h7l-1 8 9-12h-7z',
  decision: 'M12 2 22 12 12 22 2 12z',
  wait: 'M12 7v5l3 3M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  approval: 'm9 12 2 2 4-4M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  parallel: 'M6 3v6a6 6 0 0 0 6 6 6 6 0 0 1 6 6M6 21V3M18 3v6',
  join: 'M6 3a6 6 0 0 0 6 6 6 6 0 0 1 6-6M12 9v12',
  end: 'M6 6h12v12H6z',
  undo: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'm15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
  layout: 'M4 4h6v6H4zM14 14h6v6h-6zM14 4h6v6h-6zM7 10v7h7',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  import: 'M12 3v12m0 0-4-4m4 4 4-4M4 17v3h16v-3',
  export: 'M12 15V3m0 0L8 7m4-4 4 4M4 17v3h16v-3',
  play: 'M6 4v16l14-8z',
  inbox: 'M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z',
  runs: 'M4 6h16M4 12h16M4 18h10',
  flow: 'M5 5h5v5H5zM14 14h5v5h-5zM10 7.5h4a2 2 0 0 1 2 2V14',
  plug: 'M9 2v6M15 2v6M6 8h12v4a6 6 0 0 1-12 0zM12 18v4',
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
