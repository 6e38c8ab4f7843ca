export function bundledChromium(cacheRoot?: string): Promise<{ executablePath: string; env: Record<string, string>; version: string }>;
export const PACKAGE: string;
