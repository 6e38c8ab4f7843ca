/** A request's path, without its query string (as it was sent: not decoded). */
export const pathOf = (req: { url: string }): string => req.url.split('?', 1)[0];
