// Go's texts for failed file operations (*os.PathError, *os.LinkError): `open /x/y: no such file or
// directory`. etcdctl prints them inside its own messages, so ectl words Node's errors the same way.

// syscall.Errno's strings on Linux for the errors a file operation can meet.
const goErrnoText: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EBUSY: 'device or resource busy',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'file exists',
  EFBIG: 'file too large',
  EINVAL: 'invalid argument',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'not a directory',
  ENOTEMPTY: 'directory not empty',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EXDEV: 'invalid cross-device link',
};

/** The errno text Go prints for a Node file error (`no such file or directory`). */
export function goErrno(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return (e.code && goErrnoText[e.code]) || (e.message ?? String(err));
}

/** Go's *os.PathError text: `open /x/y: no such file or directory`. */
export function goPathError(op: string, path: string, err: unknown): string {
  return `${op} ${path}: ${goErrno(err)}`;
}

/** Go's *os.LinkError text (rename): `rename /a /b: invalid cross-device link`. */
export function goLinkError(op: string, from: string, to: string, err: unknown): string {
  return `${op} ${from} ${to}: ${goErrno(err)}`;
}
