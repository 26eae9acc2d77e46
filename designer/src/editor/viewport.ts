/**
 * Zoom to fit, but never below a readable zoom. At 41 % a step's text is about 5 px: a graph
 * that does not fit at the readable zoom is shown from its top (where it starts) at that zoom,
 * and the admin pans or scrolls down the rest. Manual zoom may still go further out.
 */
import { getNodesBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowNode } from './types.ts';

/** 75 %: the 11–13 px text of a step stays at 8–10 px on screen. */
export const readableZoom = 0.75;
const padding = 40;

export function useFitReadable(): (options?: { duration?: number }) => void {
  const flow = useReactFlow<FlowNode>();
  const store = useStoreApi();
  return useCallback(
    (options = {}) => {
      const nodes = flow.getNodes();
      const { width, height } = store.getState();
      if (nodes.length === 0 || width === 0 || height === 0) return;
      const bounds = getNodesBounds(nodes);
      const fits = Math.min((width - 2 * padding) / bounds.width, (height - 2 * padding) / bounds.height, 1);
      if (fits >= readableZoom) {
        void flow.fitView({ maxZoom: 1, minZoom: readableZoom, padding: `${padding}px`, ...options });
        return;
      }
      const zoom = readableZoom;
      // Centred when the width fits, else from the left edge, where the main path of a template runs.
      const x = bounds.width * zoom <= width - 2 * padding ? (width - bounds.width * zoom) / 2 - bounds.x * zoom : padding - bounds.x * zoom;
      void flow.setViewport({ x, y: padding - bounds.y * zoom, zoom }, options);
    },
    [flow, store],
  );
}
