/**
 * A file-system error the user can act on (a full disk, a read-only folder, a name too long, a file
 * where a folder should be) as one line saying what failed and where, instead of a stack trace.
 */
import { oneLine, UserError } from '../diagnostic.ts';
import { displayPath } from './paths.ts';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the file system',
  ENAMETOOLONG: 'the name is too long for the file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'a folder on the way does not exist (or was removed meanwhile)',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  ELOOP: 'too many symbolic links on the way',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'it is in use',
  EIO: 'an input/output error (a failing disk?)',
  EXDEV: 'it is on another file system',
  // `mkdir -p` says EEXIST only when a file stands where the folder goes.
  'mkdir:EEXIST': 'a file of that name is in the way',
};

const ACTIONS: Record<string, string> = {
  open: 'cannot write',
  write: 'cannot write',
  mkdir: 'cannot create the folder',
  rename: 'cannot move',
  unlink: 'cannot remove',
  rmdir: 'cannot remove',
  rm: 'cannot remove',
  scandir: 'cannot read the folder',
  stat: 'cannot read',
  lstat: 'cannot read',
  read: 'cannot read',
  copyfile: 'cannot copy',
  symlink: 'cannot create',
};

/** `cause` as a UserError when it is a file-system error with a known cause, else null; `note` says what state things are in. */
export function fsError(cause: unknown, note?: string): UserError | null {
  const error = cause as NodeJS.ErrnoException | null;
  if (!error || typeof error !== 'object' || typeof error.code !== 'string' || typeof error.syscall !== 'string') return null;
  const reason = REASONS[`${error.syscall}:${error.code}`] ?? REASONS[error.code];
  if (!reason) return null;
  const action = ACTIONS[error.syscall] ?? `cannot ${error.syscall}`;
  const where = error.path ? ` ${oneLine(displayPath(error.path))}` : '';
  return new UserError(`${action}${where}: ${reason}${note ? `; ${note}` : ''}`);
}
