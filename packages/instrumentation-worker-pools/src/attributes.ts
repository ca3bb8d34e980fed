/** Semantic-convention attributes the task span uses (stable names from the `code` and `thread` groups). */
export const ATTR_CODE_FILE_PATH = 'code.file.path';
export const ATTR_CODE_FUNCTION_NAME = 'code.function.name';
export const ATTR_THREAD_ID = 'thread.id';

/** Which pool library ran the task: `piscina` or `tinypool`. The conventions have no such name. */
export const ATTR_WORKER_POOL_LIBRARY = 'msgtrace.worker_pool.library';
/** The pool's id for the task, unique per pool: what ties the span to the pool's own records. */
export const ATTR_WORKER_POOL_TASK_ID = 'msgtrace.worker_pool.task_id';
