import { ValueTransformer } from 'typeorm';

/**
 * Stores a JSON object as TEXT and always hands back an object. Rows written by older code may hold
 * a double-encoded string; those are unwrapped so the API never returns a string where an object belongs.
 */
export const jsonObject: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: unknown) => {
    let parsed = value;
    for (let depth = 0; typeof parsed === 'string' && depth < 3; depth++) {
      try {
        parsed = JSON.parse(parsed);
      } catch {
        return { value: parsed };
      }
    }
    if (parsed === null || parsed === undefined) return null;
    return typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { value: parsed };
  },
};
