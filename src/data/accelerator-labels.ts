// PEP 440 local version labels that name an accelerator build. PyTorch publishes one index per
// build, named by the label: https://download.pytorch.org/whl/cu121 serves `torch 2.3.1+cu121`,
// …/cpu serves `+cpu`, …/rocm6.1 `+rocm6.1`, …/xpu `+xpu` (uv's PyTorch guide,
// https://docs.astral.sh/uv/guides/integration/pytorch/). jaxlib used `+cuda12.cudnn89`.

/** Labels that name an accelerator build: cpu, cu121, cuda12…, rocm6.1, xpu. */
export const ACCELERATOR_LABEL = /^(cpu|cu\d{2,3}|cuda\d|rocm\d|xpu)/;

/** The packages PyTorch's own indexes publish. */
export const PYTORCH_PACKAGES: ReadonlySet<string> = new Set(['torch', 'torchvision', 'torchaudio', 'torchtext', 'torchdata']);

/** `+cu121` → 12.1, `+cu92` → 9.2, `+cu130` → 13.0: the last digit is the minor (PyTorch's index names). */
export function cudaFromTorchLabel(version: string): string | undefined {
  const m = /\+cu(\d{2,3})$/.exec(version);
  if (m?.[1] === undefined) return undefined;
  return `${Number(m[1].slice(0, -1))}.${m[1].slice(-1)}`;
}

/** The PyTorch index a version comes from (`2.3.1+cu121` → cu121), or undefined for PyPI's own builds. */
export function pytorchIndexLabel(version: string): string | undefined {
  return /\+((?:cu|rocm)[\d.]+|cpu|xpu)$/.exec(version)?.[1];
}

/** "CUDA 12.1", "CPU-only", "ROCm 6.1": a label as a person reads it. */
export function describeLabel(label: string | null): string {
  if (label === null) return 'no build label, the PyPI default build';
  if (label === 'cpu') return 'CPU-only';
  let m = /^cu(\d+)(\d)$/.exec(label);
  if (m) return `CUDA ${m[1]}.${m[2]}`;
  m = /^rocm([\d.]+)/.exec(label);
  if (m) return `ROCm ${m[1]}`;
  if (label === 'xpu') return 'Intel XPU';
  return `+${label}`;
}
