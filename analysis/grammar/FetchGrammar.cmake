# Fetches tree-sitter-python from the npm registry, pinned by package-lock.json (with its integrity
# hash), into the build tree, then checks that the system tree-sitter runtime can load its ABI.
# Nothing fetched here is committed. The grammar's install script (a Node binding build) is skipped:
# only its generated C sources are compiled.

set(VIGIL_GRAMMAR_LOCK_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VIGIL_GRAMMAR_DIR ${CMAKE_BINARY_DIR}/grammar)
set(TSPY_SRC ${VIGIL_GRAMMAR_DIR}/node_modules/tree-sitter-python/src)

file(SHA256 ${VIGIL_GRAMMAR_LOCK_DIR}/package-lock.json _vigil_lock_hash)
set(_vigil_stamp ${VIGIL_GRAMMAR_DIR}/.lock-sha256)
set(_vigil_have "")
if(EXISTS ${_vigil_stamp})
  file(READ ${_vigil_stamp} _vigil_have)
endif()

if(NOT EXISTS ${TSPY_SRC}/parser.c OR NOT _vigil_have STREQUAL _vigil_lock_hash)
  find_program(NPM_EXECUTABLE npm)
  if(NOT NPM_EXECUTABLE)
    message(FATAL_ERROR "npm is needed to fetch tree-sitter-python (run .ci/setup first)")
  endif()
  message(STATUS "Fetching tree-sitter-python as pinned by analysis/grammar/package-lock.json")
  file(MAKE_DIRECTORY ${VIGIL_GRAMMAR_DIR})
  file(COPY ${VIGIL_GRAMMAR_LOCK_DIR}/package.json ${VIGIL_GRAMMAR_LOCK_DIR}/package-lock.json
       DESTINATION ${VIGIL_GRAMMAR_DIR})
  execute_process(
    COMMAND ${NPM_EXECUTABLE} ci --ignore-scripts --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${VIGIL_GRAMMAR_DIR}
    RESULT_VARIABLE _vigil_npm_result)
  if(NOT _vigil_npm_result EQUAL 0 OR NOT EXISTS ${TSPY_SRC}/parser.c)
    message(FATAL_ERROR "npm ci failed to fetch tree-sitter-python (exit ${_vigil_npm_result})")
  endif()
  file(WRITE ${_vigil_stamp} ${_vigil_lock_hash})
endif()

# ABI guard: the grammar's LANGUAGE_VERSION must lie in the runtime's [MIN_COMPATIBLE, LANGUAGE_VERSION].
find_file(VIGIL_TS_API_H tree_sitter/api.h HINTS ${TREE_SITTER_INCLUDE_DIRS} REQUIRED)
file(STRINGS ${VIGIL_TS_API_H} _ts_max REGEX "^#define TREE_SITTER_LANGUAGE_VERSION [0-9]+")
file(STRINGS ${VIGIL_TS_API_H} _ts_min REGEX "^#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION [0-9]+")
file(STRINGS ${TSPY_SRC}/parser.c _ts_abi REGEX "^#define LANGUAGE_VERSION [0-9]+")
string(REGEX MATCH "[0-9]+$" TS_RUNTIME_MAX "${_ts_max}")
string(REGEX MATCH "[0-9]+$" TS_RUNTIME_MIN "${_ts_min}")
string(REGEX MATCH "[0-9]+$" TS_GRAMMAR_ABI "${_ts_abi}")
if(TS_GRAMMAR_ABI STREQUAL "" OR TS_GRAMMAR_ABI GREATER TS_RUNTIME_MAX OR TS_GRAMMAR_ABI LESS TS_RUNTIME_MIN)
  message(FATAL_ERROR
    "tree-sitter-python parser.c (ABI ${TS_GRAMMAR_ABI}) cannot be loaded by this libtree-sitter "
    "(ABI ${TS_RUNTIME_MIN}..${TS_RUNTIME_MAX}). Pin a grammar generated for this runtime in "
    "analysis/grammar/package.json.")
endif()
message(STATUS "tree-sitter-python ABI ${TS_GRAMMAR_ABI}, runtime accepts ${TS_RUNTIME_MIN}..${TS_RUNTIME_MAX}")

add_library(tree_sitter_python STATIC ${TSPY_SRC}/parser.c ${TSPY_SRC}/scanner.c)
target_include_directories(tree_sitter_python PRIVATE ${TSPY_SRC})
target_compile_options(tree_sitter_python PRIVATE -w -O2)
set_target_properties(tree_sitter_python PROPERTIES POSITION_INDEPENDENT_CODE ON)

# The node types whose nodes never give a child a field, read from the grammar's node-types.json:
# the node index asks tree-sitter for a child's field (a walk up the cursor's stack) only where one
# can exist. Node comes with npm, which fetched the grammar.
set(VIGIL_GRAMMAR_GENERATED ${VIGIL_GRAMMAR_DIR}/generated)
set(_vigil_field_free ${VIGIL_GRAMMAR_GENERATED}/field_free_types.inc)
if(NOT EXISTS ${_vigil_field_free} OR ${TSPY_SRC}/node-types.json IS_NEWER_THAN ${_vigil_field_free})
  find_program(NODE_EXECUTABLE NAMES node nodejs REQUIRED)
  file(MAKE_DIRECTORY ${VIGIL_GRAMMAR_GENERATED})
  execute_process(
    COMMAND ${NODE_EXECUTABLE} -e
            "for (const t of require(process.argv[1])) if (t.named && !t.subtypes && Object.keys(t.fields ?? {}).length === 0) console.log(JSON.stringify(t.type) + ',')"
            ${TSPY_SRC}/node-types.json
    OUTPUT_FILE ${_vigil_field_free}.tmp
    RESULT_VARIABLE _vigil_node_result)
  if(NOT _vigil_node_result EQUAL 0)
    message(FATAL_ERROR "could not read tree-sitter-python's node-types.json (node exit ${_vigil_node_result})")
  endif()
  file(RENAME ${_vigil_field_free}.tmp ${_vigil_field_free})
endif()
