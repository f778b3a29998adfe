#include "pool.h"

#include <stdlib.h>
#include <string.h>

struct pool {
    int references;
    int open_sessions;
};

struct pool_session {
    pool_t *pool;
    char buffer[64];
};

pool_t *pool_create(void)
{
    pool_t *pool = calloc(1, sizeof *pool);
    if (pool != NULL) {
        pool->references = 1;
    }
    return pool;
}

pool_t *pool_retain(pool_t *pool)
{
    pool->references++;
    return pool;
}

void pool_release(pool_t *pool)
{
    if (--pool->references == 0) {
        free(pool);
    }
}

int pool_open_sessions(const pool_t *pool)
{
    return pool->open_sessions;
}

pool_session_t *pool_open_session(pool_t *pool)
{
    pool_session_t *session = calloc(1, sizeof *session);
    if (session != NULL) {
        session->pool = pool;
        pool->open_sessions++;
    }
    return session;
}

void pool_close_session(pool_t *pool, pool_session_t *session)
{
    pool->open_sessions--;
    memset(session->buffer, 0, sizeof session->buffer);
    free(session);
}
