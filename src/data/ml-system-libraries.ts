// System packages whose version differences are graded like Python packages instead of being
// reported as info. Most of the ~700 packages of a base image never touch ML code; these are the
// shared libraries that NumPy, SciPy, PyTorch, TensorFlow and R load at import time, so a
// different version changes results (BLAS, OpenMP), breaks loading (glibc/libstdc++ symbol
// versions, PEP 599's symbol version limits) or breaks the GPU stack (CUDA user-space libraries,
// cuDNN, NCCL: the toolkit's libraries must match the build, https://github.com/NVIDIA/nvidia-docker/issues/671). Names are Debian's, with the RPM and Alpine names of the
// same libraries; a `:arch` suffix (libc6:amd64) is ignored.

/** Exact package names. */
export const ML_SYSTEM_LIBRARIES: readonly string[] = [
  // C and C++ runtimes: manylinux wheels need glibc and libstdc++ symbol versions (PEP 599/600).
  'libc6',
  'glibc',
  'musl',
  'libstdc++6',
  'libstdc++',
  // OpenMP and Fortran runtimes: loaded by BLAS/LAPACK, scikit-learn, XGBoost, R.
  'libgomp1',
  'libgomp',
  'libgfortran5',
  'libgfortran',
];

/** Name prefixes: families whose package names carry a version or a variant. */
export const ML_SYSTEM_LIBRARY_PREFIXES: readonly string[] = [
  // OpenBLAS: libopenblas0, libopenblas0-pthread, libopenblas-dev (Debian); openblas-* (RPM).
  'libopenblas',
  'openblas',
  // NVIDIA's CUDA repositories: cuda-cudart-12-2, cuda-libraries-12-2, libcublas-12-2,
  // libcudnn8, libcudnn9-cuda-12, libnccl2, and the math libraries beside cuBLAS.
  'cuda-',
  'libcuda',
  'libcublas',
  'libcudnn',
  'cudnn',
  'libnccl',
  'libcufft',
  'libcurand',
  'libcusolver',
  'libcusparse',
  'libnvjitlink',
];

const EXACT = new Set(ML_SYSTEM_LIBRARIES);

export function isMlSystemLibrary(packageName: string): boolean {
  const colon = packageName.indexOf(':');
  const name = colon >= 0 ? packageName.slice(0, colon) : packageName;
  if (EXACT.has(name)) return true;
  for (const prefix of ML_SYSTEM_LIBRARY_PREFIXES) if (name.startsWith(prefix)) return true;
  return false;
}
