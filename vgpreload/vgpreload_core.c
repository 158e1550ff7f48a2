/*--------------------------------------------------------------------*/
/*--- The core's own code in the client: pthread mutex wrappers.   ---*/
/*---                                             vgpreload_core.c ---*/
/*--------------------------------------------------------------------*/

/* vgpreload_core.so goes into every client, whatever the skin.  It wraps
   pthread_mutex_lock, _trylock, _timedlock, _clocklock and _unlock (in
   libc.so*, where glibc 2.34 and later keep them, and in libpthread.so*
   for older ones) so that the core hears of every lock and unlock and can
   fire the skins' mutex events: VG_USERREQ__MUTEX_LOCK_PRE before a lock
   that may block (not before trylock, which never waits), _LOCK_POST
   after every attempt (with whether it took the lock), _UNLOCK_POST after
   a successful unlock.  The wrapper calls the original without
   redirection and returns its result unchanged. */

#include "vgpreload_priv.h"

/* Each wrapper's request is made from the wrapper itself (a macro, not a
   helper), so that the event's stack starts at the pthread function. */
#define MUTEX_REQ(req, mutex, arg) (void)VGP_REQUEST((req), (mutex), (arg), 0, 0, 0)

/* A zero result means the lock was taken. */
#define WRAP_LOCK(so, fn)                                                               \
    VGP_EXPORT int VG_WRAP(so, fn)(void *mutex)                                         \
    {                                                                                   \
        unsigned long orig, res;                                                        \
        VG_GET_ORIG_FN(orig);                                                           \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_PRE, mutex, 0);                                \
        VG_CALL_NOREDIR_W_W(res, orig, mutex);                                          \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_POST, mutex, (int)res == 0);                   \
        return (int)res;                                                                \
    }

#define WRAP_TRYLOCK(so, fn)                                                            \
    VGP_EXPORT int VG_WRAP(so, fn)(void *mutex)                                         \
    {                                                                                   \
        unsigned long orig, res;                                                        \
        VG_GET_ORIG_FN(orig);                                                           \
        VG_CALL_NOREDIR_W_W(res, orig, mutex);                                          \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_POST, mutex, (int)res == 0);                   \
        return (int)res;                                                                \
    }

#define WRAP_TIMEDLOCK(so, fn)                                                          \
    VGP_EXPORT int VG_WRAP(so, fn)(void *mutex, const void *abstime)                    \
    {                                                                                   \
        unsigned long orig, res;                                                        \
        VG_GET_ORIG_FN(orig);                                                           \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_PRE, mutex, 0);                                \
        VG_CALL_NOREDIR_W_WW(res, orig, mutex, abstime);                                \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_POST, mutex, (int)res == 0);                   \
        return (int)res;                                                                \
    }

/* pthread_mutex_clocklock(mutex, clockid, abstime) (glibc 2.30). */
#define WRAP_CLOCKLOCK(so, fn)                                                          \
    VGP_EXPORT int VG_WRAP(so, fn)(void *mutex, int clockid, const void *abstime)       \
    {                                                                                   \
        unsigned long orig, res;                                                        \
        VG_GET_ORIG_FN(orig);                                                           \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_PRE, mutex, 0);                                \
        VG_CALL_NOREDIR_W_WWW(res, orig, mutex, (long)clockid, abstime);                \
        MUTEX_REQ(VG_USERREQ__MUTEX_LOCK_POST, mutex, (int)res == 0);                   \
        return (int)res;                                                                \
    }

/* Only an unlock that succeeded unlocked anything. */
#define WRAP_UNLOCK(so, fn)                                                             \
    VGP_EXPORT int VG_WRAP(so, fn)(void *mutex)                                         \
    {                                                                                   \
        unsigned long orig, res;                                                        \
        VG_GET_ORIG_FN(orig);                                                           \
        VG_CALL_NOREDIR_W_W(res, orig, mutex);                                          \
        if ((int)res == 0)                                                              \
            MUTEX_REQ(VG_USERREQ__MUTEX_UNLOCK_POST, mutex, 0);                         \
        return (int)res;                                                                \
    }

/* Function names write '_' as XU (vg_preload.h). */
#define MUTEX_WRAPPERS(so)                                                              \
    WRAP_LOCK(so, pthreadXUmutexXUlock)                                                 \
    WRAP_TRYLOCK(so, pthreadXUmutexXUtrylock)                                           \
    WRAP_TIMEDLOCK(so, pthreadXUmutexXUtimedlock)                                       \
    WRAP_CLOCKLOCK(so, pthreadXUmutexXUclocklock)                                       \
    WRAP_UNLOCK(so, pthreadXUmutexXUunlock)

MUTEX_WRAPPERS(VG_SO_LIBC)
MUTEX_WRAPPERS(VG_SO_LIBPTHREAD)
