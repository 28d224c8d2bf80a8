# env probe: allow-listed variables that change behaviour; secret-looking names are dropped
# HERE, so their values never leave the target. Keep both lists in step with
# src/facets/env/allow-list.ts (test/facets/env/probe.test.ts checks they agree).
# Output: `### vars`, then one line per variable: `hex NAME <value as hex bytes>` (od), which no
# value — multi-line, `### …`, `@@envdiff-…` — can break; `raw NAME value` where od is missing
# (single-line values only).
# Secret VALUES of allowed names are masked here too, before they leave the target: the
# user-info of a URL up to its last @ (https://user:p@ss@host, https://TOKEN@host → https://***@host),
# the value of a NAME=value pair whose NAME looks secret (-Djavax.net.ssl.keyStorePassword=…,
# -Dmy.pwd=…, spark.hadoop.fs.s3a.secret.key=…, ?access_token=…) and GPU/MIG UUIDs
# (CUDA_VISIBLE_DEVICES=GPU-…). Same rules as maskSecrets() in src/core/secrets.ts, which the
# parser applies again (and alone where sed is missing).
redact_values() {
  sed -e 's|\(://\)[^/?#[:space:]"'"'"'<>`\\]*@|\1***@|g' \
      -e "s/\([A-Za-z0-9_.-]*[Pp][Aa][Ss][Ss][Ww][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Pp][Aa][Ss][Ss][Pp][Hh][Rr][Aa][Ss][Ee][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Pp][Ww][Dd][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Ss][Ee][Cc][Rr][Ee][Tt][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Tt][Oo][Kk][Ee][Nn][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Cc][Rr][Ee][Dd][Ee][Nn][Tt][Ii][Aa][Ll][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Aa][Uu][Tt][Hh][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Aa][Pp][Ii][_.-]*[Kk][Ee][Yy][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Aa][Cc][Cc][Ee][Ss][Ss][_.-]*[Kk][Ee][Yy][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e "s/\([A-Za-z0-9_.-]*[Pp][Rr][Ii][Vv][Aa][Tt][Ee][_.-]*[Kk][Ee][Yy][A-Za-z0-9_.-]*=\)[^[:space:]&;,'\"?][^[:space:]&;,'\"?]*/\1***/g" \
      -e 's/MIG-\(GPU-\)\{0,1\}[0-9A-Fa-f]\{8\}-[0-9A-Fa-f]\{4\}-[0-9A-Fa-f]\{4\}-[0-9A-Fa-f]\{4\}-[0-9A-Fa-f]\{12\}\(\/[0-9][0-9]*\/[0-9][0-9]*\)\{0,1\}/MIG-***/g' \
      -e 's/GPU-[0-9A-Fa-f]\{8\}-[0-9A-Fa-f]\{4\}-[0-9A-Fa-f]\{4\}-[0-9A-Fa-f]\{4\}-[0-9A-Fa-f]\{12\}\(\/[0-9][0-9]*\/[0-9][0-9]*\)\{0,1\}/GPU-***/g'
}
sec vars
nl='
'
hexer=
if have od; then hexer=od; fi
sedder=
if have sed; then sedder=sed; fi
for n in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' | sort -u); do
  case $n in
    *[Tt][Oo][Kk][Ee][Nn]*|*[Ss][Ee][Cc][Rr][Ee][Tt]*|*[Pp][Aa][Ss][Ss]*|*[Pp][Ww][Dd]*|*[Kk][Ee][Yy]*|*[Cc][Rr][Ee][Dd]*|*[Aa][Uu][Tt][Hh]*|*[Pp][Rr][Ii][Vv][Aa][Tt][Ee]*|*[Ss][Ee][Ss][Ss][Ii][Oo][Nn]*|*[Cc][Oo][Oo][Kk][Ii][Ee]*|*[Ss][Ii][Gg][Nn][Aa][Tt][Uu][Rr][Ee]*|*[Ss][Aa][Ll][Tt]*)
      continue ;;
    TF_VAR_*|TF_CLI_*|TF_LOG*|TF_REGISTRY_*|TF_WORKSPACE*|TF_DATA_DIR*|TF_PLUGIN_CACHE_DIR*|TF_IN_AUTOMATION*|TF_INPUT*)
      continue ;; # Terraform's, not TensorFlow's (see ENV_DENIED_PREFIXES)
    PATH|LD_LIBRARY_PATH|LD_PRELOAD|DYLD_LIBRARY_PATH|DYLD_FALLBACK_LIBRARY_PATH|LANG|LANGUAGE|TZ|JAVA_HOME|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|SPARK_HOME|SPARK_CONF_DIR|HADOOP_HOME|HADOOP_CONF_DIR|R_HOME|VIRTUAL_ENV|CONDA_PREFIX|CONDA_DEFAULT_ENV|MPLBACKEND|VECLIB_MAXIMUM_THREADS|HIP_VISIBLE_DEVICES|ROCR_VISIBLE_DEVICES|PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|PIP_FIND_LINKS|UV_INDEX_URL|UV_EXTRA_INDEX_URL|UV_DEFAULT_INDEX|UV_INDEX) ;;
    CUDA_*|NVIDIA_*|CUDNN_*|NCCL_*|OMP_*|KMP_*|MKL_*|OPENBLAS_*|BLIS_*|NUMEXPR_*|TF_*|TORCH_*|PYTORCH_*|XLA_*|JAX_*|PYTHON*|PYSPARK_*|HF_*|TRANSFORMERS_*|LC_*|R_LIBS*) ;;
    *) continue ;;
  esac
  # A line of a multi-line value may look like NAME=…: keep only names that are really set.
  eval "isset=\${$n+x}"
  [ -n "$isset" ] || continue
  eval "v=\$$n"
  case $v in
    *@*|*=*|*GPU-*|*MIG-*) [ -n "$sedder" ] && v=$(printf '%s' "$v" | redact_values; printf x) && v=${v%x} ;;
  esac
  if [ -n "$hexer" ]; then
    printf 'hex %s %s\n' "$n" "$(printf '%s' "$v" | od -An -v -tx1 | tr -d ' \n')"
  else
    case $v in *"$nl"*) continue ;; esac
    printf 'raw %s %s\n' "$n" "$v"
  fi
done
