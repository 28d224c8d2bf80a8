// Which environment variables a fingerprint keeps. Only variables that change what ML code
// does (threads, devices, library search paths, locale, interpreter and JVM setup) are allowed;
// a name that looks like it holds a secret is dropped whatever the allow-list says. The env probe
// (probes/env.sh) applies the same two lists as sh `case` patterns so that a secret value never
// leaves the target; test/facets/env/probe.test.ts checks that the two agree.

/** Prefixes: every variable starting with one is allowed (before the secret filter). */
export const ENV_ALLOWED_PREFIXES = [
  'CUDA_', // CUDA_VISIBLE_DEVICES, CUDA_LAUNCH_BLOCKING, CUDA_MODULE_LOADING …
  'NVIDIA_', // NVIDIA_VISIBLE_DEVICES, NVIDIA_DRIVER_CAPABILITIES (container toolkit)
  'CUDNN_',
  'NCCL_', // NCCL_P2P_DISABLE, NCCL_SOCKET_IFNAME: multi-GPU behaviour
  'OMP_', // OMP_NUM_THREADS: thread counts change speed and float summation order
  'KMP_', // Intel OpenMP: KMP_AFFINITY, KMP_DUPLICATE_LIB_OK
  'MKL_',
  'OPENBLAS_',
  'BLIS_',
  'NUMEXPR_',
  'TF_', // TF_CPP_MIN_LOG_LEVEL, TF_ENABLE_ONEDNN_OPTS (changes numerics)
  'TORCH_',
  'PYTORCH_', // PYTORCH_CUDA_ALLOC_CONF
  'XLA_', // XLA_FLAGS, XLA_PYTHON_CLIENT_PREALLOCATE
  'JAX_',
  'PYTHON', // PYTHONPATH, PYTHONHASHSEED, PYTHONHOME, PYTHONUTF8, PYTHONDONTWRITEBYTECODE …
  'PYSPARK_', // PYSPARK_PYTHON picks the executors' interpreter
  // Model and dataset caches: where (and whether, HF_HUB_OFFLINE) weights are loaded from.
  'HF_',
  'TRANSFORMERS_',
  'LC_',
  'R_LIBS', // R_LIBS, R_LIBS_USER, R_LIBS_SITE
] as const;

/**
 * Names under an allowed prefix that belong to another tool. TF_ is TensorFlow's prefix and also
 * Terraform's: TF_VAR_* carries Terraform input variables (often credentials under any name) and
 * the rest configure the Terraform CLI, not ML code. Dropped before the allow-list is consulted.
 */
export const ENV_DENIED_PREFIXES = [
  'TF_VAR_',
  'TF_CLI_',
  'TF_LOG',
  'TF_REGISTRY_',
  'TF_WORKSPACE',
  'TF_DATA_DIR',
  'TF_PLUGIN_CACHE_DIR',
  'TF_IN_AUTOMATION',
  'TF_INPUT',
] as const;

/** Exact names allowed. PATH is kept (it decides which python/nvcc runs), with $HOME as ~. */
export const ENV_ALLOWED_NAMES = [
  'PATH',
  'LD_LIBRARY_PATH',
  'LD_PRELOAD',
  'DYLD_LIBRARY_PATH',
  'DYLD_FALLBACK_LIBRARY_PATH',
  'LANG',
  'LANGUAGE',
  'TZ',
  'JAVA_HOME',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'SPARK_HOME',
  'SPARK_CONF_DIR',
  'HADOOP_HOME',
  'HADOOP_CONF_DIR',
  'R_HOME',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'CONDA_DEFAULT_ENV',
  'MPLBACKEND',
  'VECLIB_MAXIMUM_THREADS',
  'HIP_VISIBLE_DEVICES',
  'ROCR_VISIBLE_DEVICES',
  // Package indexes: which builds get installed (a PyTorch CUDA index, a private mirror).
  // Kept with the user-info and secret query values of their URLs masked (env/parse.ts).
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_FIND_LINKS',
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_INDEX',
] as const;

/**
 * Name fragments that mark a secret (matched case-insensitively anywhere in the name).
 * Deliberately broad: TOKENIZERS_PARALLELISM is lost to TOKEN, a price worth paying.
 */
export const ENV_SECRET_WORDS = [
  'TOKEN',
  'SECRET',
  'PASS', // PASSWORD, PASSWD, PASSPHRASE
  'PWD',
  'KEY',
  'CRED', // CREDENTIAL(S)
  'AUTH',
  'PRIVATE',
  'SESSION',
  'COOKIE',
  'SIGNATURE',
  'SALT',
] as const;

export function looksSecret(name: string): boolean {
  const upper = name.toUpperCase();
  return ENV_SECRET_WORDS.some((w) => upper.includes(w));
}

export function isAllowedEnvName(name: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return false;
  if (looksSecret(name)) return false;
  if (ENV_DENIED_PREFIXES.some((p) => name.startsWith(p))) return false;
  return (ENV_ALLOWED_NAMES as readonly string[]).includes(name) || ENV_ALLOWED_PREFIXES.some((p) => name.startsWith(p));
}
