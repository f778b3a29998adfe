/* pool: the small C library the session module wraps. A pool hands out sessions; a
 * session is closed through the pool that opened it. A pool is reference-counted and is
 * freed when its last reference is released, which must be after its sessions are closed. */
#ifndef POOL_H
#define POOL_H

typedef struct pool pool_t;
typedef struct pool_session pool_session_t;

pool_t *pool_create(void);
pool_t *pool_retain(pool_t *pool);
void pool_release(pool_t *pool);
int pool_open_sessions(const pool_t *pool);

pool_session_t *pool_open_session(pool_t *pool);
void pool_close_session(pool_t *pool, pool_session_t *session);

#endif
