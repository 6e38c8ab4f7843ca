import { DeliverableLink } from '@mission-control/shared';
import contentDisposition from 'content-disposition';
import { BadRequestException, ForbiddenException, Inject, Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { notFound } from '../common/references';
import { LinkSigner } from '../auth/link-signer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DeliverablesRepository } from './deliverables.repository';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * The file behind a `file` deliverable, served only from inside `DELIVERABLES_ROOT`. The stored path
 * may be anything (it may name a file on the agent's machine); it is checked when content is asked
 * for: `~` expands to the home folder, a relative path resolves against the root, any `..` segment is
 * refused, and the real path (symlinks resolved) must still be inside the real root.
 */
@Injectable()
export class DeliverableContentService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliverables: DeliverablesRepository,
    private readonly signer: LinkSigner,
  ) {}

  async link(id: string): Promise<DeliverableLink> {
    const deliverable = await this.deliverables.findById(id);
    if (!deliverable) throw notFound('Deliverable', id);
    if (deliverable.deliverable_type !== 'file') throw new BadRequestException(`Deliverable "${id}" is a ${deliverable.deliverable_type}, not a file: it has no content to link to`);
    return this.signer.sign(id);
  }

  async open(id: string): Promise<StreamableFile> {
    const deliverable = await this.deliverables.findById(id);
    if (!deliverable) throw notFound('Deliverable', id);
    if (deliverable.deliverable_type !== 'file') {
      throw new BadRequestException(`Deliverable "${id}" is a ${deliverable.deliverable_type}, not a file: it has no content to serve`);
    }
    if (!deliverable.path) throw new NotFoundException(`Deliverable "${id}" has no file path`);
    const file = await this.resolveInsideRoot(deliverable.path);
    const stream = fs.createReadStream(file.realPath);
    return new StreamableFile(stream, {
      type: contentTypeOf(file.realPath),
      length: file.size,
      // RFC 6266 / 5987: a Latin-1 fallback plus filename*=UTF-8'' for any other name (报告.html).
      disposition: contentDisposition(path.basename(file.realPath), { type: 'inline' }),
    });
  }

  /** The real path and size of `stored`, or a 403/404 saying why it cannot be served. */
  async resolveInsideRoot(stored: string): Promise<{ realPath: string; size: number }> {
    if (stored.split(/[\\/]/).includes('..')) throw new ForbiddenException(`Path "${stored}" contains "..": refused`);
    const rootDir = path.resolve(this.config.deliverablesRoot);
    const expanded = stored === '~' || stored.startsWith('~/') ? path.join(process.env.HOME || os.homedir(), stored.slice(1)) : stored;
    const candidate = path.resolve(rootDir, expanded);
    const realRoot = await realpathOrNull(rootDir);
    // The root may itself be reached through a symbolic link: a path may name it either way.
    if (!isInside(rootDir, candidate) && !(realRoot && isInside(realRoot, candidate))) throw outsideRoot(stored);
    const realPath = await realpathOrNull(candidate);
    if (!realRoot || !realPath) throw new NotFoundException(`File "${stored}" does not exist`);
    if (!isInside(realRoot, realPath)) throw new ForbiddenException(`Path "${stored}" leads outside DELIVERABLES_ROOT through a symbolic link: refused`);
    const stat = await fs.promises.stat(realPath);
    if (!stat.isFile()) throw new NotFoundException(`"${stored}" is not a file`);
    return { realPath, size: stat.size };
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function outsideRoot(stored: string): ForbiddenException {
  return new ForbiddenException(`Path "${stored}" is outside DELIVERABLES_ROOT: refused`);
}

async function realpathOrNull(file: string): Promise<string | null> {
  try {
    return await fs.promises.realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
}
