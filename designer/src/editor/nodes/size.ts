/** How wide a node draws: the CSS width, or wider when its outputs would not fit side by side. */
export function nodeWidth(outputs: number): number {
  return Math.max(220, outputs * 72);
}
