/*
 * callgrind-meter: a Node-API addon through which a benchmark process tells callgrind which part
 * of its run to count. The process starts under `valgrind --tool=callgrind --instr-atstart=no`
 * (start-up and warm-up run uninstrumented, several times faster), calls start() when the
 * measured messages begin and stop() when they are done; callgrind's "I refs" at exit is then the
 * instruction count of exactly that window (of the sum of the windows, when a workload measures
 * in several). Outside valgrind both calls do nothing.
 */
#include <node_api.h>
#include <valgrind/callgrind.h>

static napi_value start(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  CALLGRIND_START_INSTRUMENTATION;
  return NULL;
}

static napi_value stop(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  CALLGRIND_STOP_INSTRUMENTATION;
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "start", NAPI_AUTO_LENGTH, start, NULL, &fn);
  napi_set_named_property(env, exports, "start", fn);
  napi_create_function(env, "stop", NAPI_AUTO_LENGTH, stop, NULL, &fn);
  napi_set_named_property(env, exports, "stop", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
