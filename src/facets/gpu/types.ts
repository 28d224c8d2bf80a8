// The gpu facet: driver, the CUDA the driver supports, devices, nvcc, cuDNN.
import type { FacetBase } from '../types.js';

/** A MIG instance carved out of a GPU, as `nvidia-smi -q -x` lists it under `<mig_devices>`. */
export interface MigDevice {
  index: number;
  gpuInstanceId?: number;
  computeInstanceId?: number;
  memoryMiB?: number;
  multiprocessorCount?: number;
}

export interface GpuDevice {
  index: number;
  name: string;
  memoryMiB?: number;
  computeCapability?: string;
  /**
   * `name` when the compute capability was derived from the product name (a driver that refuses
   * `--query-gpu=compute_cap`, or `nvidia-smi -q -x`); absent when nvidia-smi reported it.
   */
  computeCapabilityFrom?: 'name';
  migMode?: string;
  /** The MIG instances when MIG is enabled (from `nvidia-smi -q -x`). */
  migDevices?: MigDevice[];
}

export interface GpuFacet extends FacetBase {
  /** `vendor` is nvidia or apple for the GPUs the probe reads. */
  driver?: { vendor: string; version?: string };
  cudaDriverVersion?: string;
  /** Absent when they could not be listed: then `devicesError` says why (unknown, never "none"). */
  devices?: GpuDevice[];
  /** Why the driver answered but its devices could not be listed. */
  devicesError?: string;
  toolkit?: { nvcc?: string };
  cudnn?: string;
}
