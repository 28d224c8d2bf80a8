# gpu probe: raw facts for src/facets/gpu/parse.ts. Never prints GPU UUIDs, serials or bus ids:
# from the nvidia-smi banner only the version line is kept, and the query asks for none of them.
# Every nvidia-smi call is bounded: a wedged driver makes it hang for minutes.
# Each nvidia-smi sub-section starts with `rc=N` (124: killed by the bound), then the output.
_os=$(uname -s 2>/dev/null)
sec uname-s
echo "$_os"
if have nvidia-smi; then
  _out=$(bounded 10 nvidia-smi 2>&1)
  _rc=$?
  sec nvidia-smi
  echo "rc=$_rc"
  if [ "$_rc" -eq 0 ]; then
    printf '%s\n' "$_out" | grep -E 'Driver Version|KMD Version|CUDA Version|CUDA UMD Version'
  else
    printf '%s\n' "$_out" | head -n 5
  fi
  if [ "$_rc" -eq 0 ]; then
    # compute_cap needs a recent driver (470 answers `Field "compute_cap" is not a valid field to
    # query.`): drop fields from the end of this list until the driver accepts the query.
    for _fields in index,name,driver_version,memory.total,compute_cap,mig.mode.current \
      index,name,driver_version,memory.total,mig.mode.current \
      index,name,driver_version,memory.total; do
      _out=$(bounded 10 nvidia-smi --query-gpu="$_fields" --format=csv,nounits 2>&1)
      _rc=$?
      case $_out in
        *'is not a valid field'*) continue ;;
      esac
      break
    done
    sec nvidia-smi-query
    echo "rc=$_rc"
    printf '%s\n' "$_out" | head -n 64
    # When the query fails, the XML report still lists the devices; with MIG enabled it is the
    # only list of MIG instances. Only the elements the parser reads are kept: no UUIDs, serials,
    # bus ids (the <gpu id="…"> attribute is dropped) or processes. nvidia-smi writes one element
    # or tag per line, so dropping whole lines keeps the XML well-formed.
    _xml=
    [ "$_rc" -eq 0 ] || _xml=1
    case $_out in *'is not a valid field'* | *Enabled*) _xml=1 ;; esac
    if [ -n "$_xml" ]; then
      _out=$(bounded 10 nvidia-smi -q -x 2>&1)
      _rc=$?
      sec nvidia-smi-q-x.xml
      echo "rc=$_rc"
      if [ "$_rc" -eq 0 ]; then
        printf '%s\n' "$_out" |
          grep -E '^[[:space:]]*(<[?]xml|<!DOCTYPE|</?(nvidia_smi_log|driver_version|cuda_version|attached_gpus|gpu|product_name|fb_memory_usage|total|mig_mode|current_mig|mig_devices|mig_device|index|gpu_instance_id|compute_instance_id|device_attributes|shared|multiprocessor_count)[ >])' |
          sed 's/<gpu [^>]*>/<gpu>/'
      else
        printf '%s\n' "$_out" | head -n 3
      fi
    fi
  fi
fi
_nvcc=
if have nvcc; then _nvcc=nvcc; elif [ -x /usr/local/cuda/bin/nvcc ]; then _nvcc=/usr/local/cuda/bin/nvcc; fi
if [ -n "$_nvcc" ]; then
  sec nvcc
  bounded 10 "$_nvcc" --version 2>&1 | tail -n 3
fi
for _h in /usr/include/cudnn_version.h /usr/local/cuda/include/cudnn_version.h \
  /usr/include/x86_64-linux-gnu/cudnn_version_v*.h /usr/include/cudnn.h /usr/local/cuda/include/cudnn.h; do
  if [ -r "$_h" ] && grep -q '^#define CUDNN_MAJOR' "$_h"; then
    sec cudnn-header
    grep -E '^#define CUDNN_(MAJOR|MINOR|PATCHLEVEL)[[:space:]]' "$_h"
    break
  fi
done
_libs=$(ls /usr/lib/x86_64-linux-gnu/libcudnn.so.* /usr/lib/aarch64-linux-gnu/libcudnn.so.* \
  /usr/local/cuda/lib64/libcudnn.so.* /usr/lib64/libcudnn.so.* 2>/dev/null)
if [ -n "$_libs" ]; then
  sec cudnn-libs
  printf '%s\n' "$_libs" | sed 's|.*/||'
fi
if [ "$_os" = Darwin ] && [ -x /usr/sbin/system_profiler ]; then
  sec system_profiler
  # Only the GPU lines: the display part of this report carries display serial numbers.
  bounded 20 /usr/sbin/system_profiler SPDisplaysDataType 2>/dev/null |
    grep -E '^[[:space:]]*(Chipset Model|Type|Bus|VRAM \(Total\)|Total Number of Cores|Vendor|Metal[A-Za-z ]*):'
fi
exit 0
