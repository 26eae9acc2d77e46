/**
 * The sample person the designer previews expressions and simulations with. Kept in localStorage
 * so it survives reloads; edited as JSON in the simulate panel.
 */
import { create } from 'zustand';
import { z } from 'zod';

const key = 'tenure.samplePerson';
const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

export const defaultSample = {
  employeeId: 'E1001',
  attributes: {
    givenName: 'Ada',
    surname: 'Lovelace',
    displayName: 'Ada Lovelace',
    department: 'Engineering',
    title: 'Software Engineer',
    country: 'FR',
    hireDate: inTwoWeeks,
    managerId: 'E0001',
  } satisfies Record<string, unknown>,
};

const storedSchema = z.object({ employeeId: z.string(), attributes: z.record(z.string(), z.unknown()) });

function load(): { employeeId: string; attributes: Record<string, unknown> } {
  const raw = localStorage.getItem(key);
  if (raw === null) return defaultSample;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaultSample;
  } catch (error) {
    if (error instanceof SyntaxError) return defaultSample;
    throw error;
  }
}

interface SampleState {
  employeeId: string;
  attributes: Record<string, unknown>;
  setSample: (employeeId: string, attributes: Record<string, unknown>) => void;
}

export const useSample = create<SampleState>()((set) => ({
  ...load(),
  setSample(employeeId, attributes) {
    localStorage.setItem(key, JSON.stringify({ employeeId, attributes }));
    set({ employeeId, attributes });
  },
}));
