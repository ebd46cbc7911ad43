"""Operating-system errors in the clerk's words.

``OSError.strerror`` is English on every system giedit runs on ("File name too long", "No space
left on device"), and a clerk who reads no English must still learn what went wrong. ``reason``
turns an error from any file operation into a short Chinese phrase, from its errno (and, on
Windows, its winerror), never from its text. Anything not listed gets a neutral phrase with the
error number for whoever supports the clerk.
"""

from __future__ import annotations

import errno

# Windows error codes that say more than the errno Python derives from them.
_WINERROR = {
    5: "没有权限（或文件是只读的）",  # ERROR_ACCESS_DENIED
    32: "文件正被其他程序打开",  # ERROR_SHARING_VIOLATION
    33: "文件正被其他程序锁定",  # ERROR_LOCK_VIOLATION
    112: "磁盘空间不足",  # ERROR_DISK_FULL
    123: "文件名含有不允许使用的字符",  # ERROR_INVALID_NAME
    206: "文件名或路径太长",  # ERROR_FILENAME_EXCED_RANGE
    1224: "文件正被其他程序打开",  # ERROR_USER_MAPPED_FILE
}

_ERRNO = {
    errno.ENOENT: "找不到该文件或文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘是只读的",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EFBIG: "文件太大",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一级不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EIO: "磁盘读写出错（磁盘或 U 盘可能有故障）",
    errno.ELOOP: "快捷方式（符号链接）指向自身，形成了循环",
    errno.EINVAL: "文件名含有不允许使用的字符",
    errno.EMFILE: "打开的文件太多",
    errno.ENFILE: "打开的文件太多",
    errno.ENXIO: "这不是普通文件（设备或管道）",
    errno.ENODEV: "这不是普通文件（设备）",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EAGAIN: "文件暂时无法访问",
    errno.ETIMEDOUT: "网络位置连接超时",
    errno.EHOSTDOWN: "网络位置无法访问",
    errno.EHOSTUNREACH: "网络位置无法访问",
    errno.ENETUNREACH: "网络位置无法访问",
    errno.ENETDOWN: "网络位置无法访问",
    errno.ECONNREFUSED: "网络位置无法访问",
    errno.ECONNRESET: "与网络位置的连接中断",
}
for _name, _text in (
    ("EDQUOT", "磁盘配额已用完"),
    ("ESTALE", "网络位置上的文件已失效，请重新打开"),
    ("ENOTSUP", "所在的磁盘不支持此操作"),
    ("EOPNOTSUPP", "所在的磁盘不支持此操作"),
    ("EILSEQ", "文件名含有不允许使用的字符"),
):
    if hasattr(errno, _name):
        _ERRNO.setdefault(getattr(errno, _name), _text)

LOCKED_PHRASES = frozenset({_WINERROR[32], _WINERROR[33], _WINERROR[1224], _ERRNO[errno.EBUSY]})


def reason(err: BaseException) -> str:
    """A short Chinese phrase for what went wrong; never the system's English text."""
    if isinstance(err, ValueError):  # "embedded null byte" and the like, from the path itself
        return "文件名含有不允许使用的字符"
    if isinstance(err, OSError):
        winerror = getattr(err, "winerror", None)
        if winerror in _WINERROR:
            return _WINERROR[winerror]
        if err.errno in _ERRNO:
            return _ERRNO[err.errno]
        code = winerror or err.errno
        if code:
            return f"系统错误，代码 {code}"
    return "系统错误"


def is_locked(err: BaseException) -> bool:
    """The file is held open (locked) by another program: closing that program helps."""
    return reason(err) in LOCKED_PHRASES


def read_failure(err: OSError | ValueError, name: str) -> str:
    """Why the file ``name`` (already quoted) could not be read, as one sentence for the clerk:
    the same words whether a report, a published source or a register was being opened."""
    if isinstance(err, FileNotFoundError):
        return f"找不到文件{name}。"
    if isinstance(err, IsADirectoryError):
        return f"{name}是文件夹，不是报告文件。"
    if isinstance(err, PermissionError):
        return f"没有权限读取文件{name}。"
    return f"无法读取文件{name}（{reason(err)}）。"
