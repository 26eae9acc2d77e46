/**
 * The canvas's one edge type: an orthogonal route around the other steps (./route.ts), so every
 * edge lies on open canvas where a click selects it. Each edge re-routes only when the route it
 * would take changes (the store selector compares the points), not on every pan.
 */
import { BaseEdge, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { midpoint, roundedPath, routeEdge, type Point, type Rect } from './route.ts';

const reach = 600;

function samePoints(a: readonly Point[], b: readonly Point[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p.x === q.x && p.y === q.y;
  });
}

export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps) {
  const { source, target, sourceX, sourceY, targetX, targetY } = props;
  const points = useStore(
    useCallback(
      (s: ReactFlowState) => {
        // Only steps near the edge's span can be in its way (a lane is sought a few steps aside at most).
        const left = Math.min(sourceX, targetX) - reach;
        const right = Math.max(sourceX, targetX) + reach;
        const top = Math.min(sourceY, targetY) - reach;
        const bottom = Math.max(sourceY, targetY) + reach;
        const obstacles: Rect[] = [];
        for (const [id, n] of s.nodeLookup) {
          if (id === source || id === target || n.hidden === true) continue;
          const width = n.measured.width ?? 0;
          const height = n.measured.height ?? 0;
          const { x, y } = n.internals.positionAbsolute;
          if (width > 0 && height > 0 && x < right && x + width > left && y < bottom && y + height > top) obstacles.push({ x, y, width, height });
        }
        return routeEdge({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, obstacles);
      },
      [source, target, sourceX, sourceY, targetX, targetY],
    ),
    samePoints,
  );
  const at = midpoint(points);
  return (
    <BaseEdge
      id={props.id}
      path={roundedPath(points)}
      {...(props.markerEnd !== undefined ? { markerEnd: props.markerEnd } : {})}
      {...(props.style !== undefined ? { style: props.style } : {})}
      {...(props.interactionWidth !== undefined ? { interactionWidth: props.interactionWidth } : {})}
      label={props.label}
      labelX={at.x}
      labelY={at.y}
      labelShowBg
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
    />
  );
});

/** At module scope so React Flow never sees a new object. */
export const edgeTypes = { routed: RoutedEdge };
