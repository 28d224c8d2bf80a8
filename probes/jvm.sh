# jvm probe: Java, Scala and Spark versions, read from files where a file says it, so that no
# JVM starts on the common paths (a JVM start costs ~0.4 s, spark-submit several seconds).
#   java:  $JAVA_HOME or the resolved `java` on PATH → its `release` file; else
#          `java -XshowSettings:properties -version` (only the java.* lines: the rest names the user).
#   scala: scala-library jar names / library.properties; else `scala -version`.
#   spark: $SPARK_HOME (or the resolved spark-submit) → RELEASE, jars/spark-core_*.jar; else
#          `spark-submit --version`. Then the Scala-suffixed jars of SPARK_HOME/jars and $CLASSPATH
#          (`delta-spark_2.13-3.2.0.jar`), and the class-file version of SparkContext.class (bytes
#          7-8 of the class file: the Java it was compiled for).
resolve() { readlink -f "$1" 2>/dev/null || printf '%s\n' "$1"; }

jhome=
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  jhome=$JAVA_HOME
elif have java; then
  jbin=$(resolve "$(command -v java)")
  jhome=$(dirname "$(dirname "$jbin")")
fi
if [ -n "$jhome" ]; then
  rel=
  # JDK 8 runs from <jdk>/jre/bin/java; its release file sits in <jdk>.
  for r in "$jhome/release" "$jhome/../release"; do
    if [ -f "$r" ]; then rel=$r; break; fi
  done
  if [ -n "$rel" ] && grep -q '^JAVA_VERSION=' "$rel"; then
    sec java-release
    printf 'home=%s\n' "$jhome"
    grep -E '^(JAVA_VERSION|JAVA_RUNTIME_VERSION|IMPLEMENTOR|IMPLEMENTOR_VERSION)=' "$rel"
  else
    sec java-properties
    printf 'home=%s\n' "$jhome"
    bounded 20 "$jhome/bin/java" -XshowSettings:properties -version 2>&1 |
      grep -E '^[[:space:]]*java\.(version|vendor|runtime\.version|home) ='
  fi
fi

# Scala: where launchers and distributions keep the library jar.
sdirs=
if [ -n "${SCALA_HOME:-}" ]; then sdirs="$SCALA_HOME/lib"; fi
if have scala; then
  sbin=$(resolve "$(command -v scala)")
  sdirs="$sdirs $(dirname "$(dirname "$sbin")")/lib"
fi
sdirs="$sdirs /usr/share/scala/lib /usr/share/java"
found=
for d in $sdirs; do
  for j in "$d"/scala-library*.jar "$d"/scala3-library_3-*.jar; do
    [ -e "$j" ] || continue
    if [ -z "$found" ]; then sec scala-jars; fi
    found=1
    resolve "$j"
  done
  if [ -n "$found" ]; then
    # An unversioned scala-library.jar (the official tarball) says its version inside.
    if [ -f "$d/scala-library.jar" ] && have unzip; then
      sec scala-library-properties
      unzip -p "$d/scala-library.jar" library.properties 2>/dev/null | grep '^version.number='
    fi
    break
  fi
done
if [ -z "$found" ] && have scala; then
  sec scala-version
  bounded 20 scala -version 2>&1 | head -n 5
fi

shome=
if [ -n "${SPARK_HOME:-}" ] && [ -d "$SPARK_HOME" ]; then
  shome=$SPARK_HOME
elif have spark-submit; then
  shome=$(dirname "$(dirname "$(resolve "$(command -v spark-submit)")")")
fi
if [ -n "$shome" ]; then
  sfound=
  if [ -f "$shome/RELEASE" ]; then
    sec spark-release
    head -n 2 "$shome/RELEASE"
    sfound=1
  fi
  for j in "$shome"/jars/spark-core_*.jar; do
    [ -e "$j" ] || continue
    if [ -z "$sfound" ] || [ "$sfound" = 1 ]; then sec spark-jars; sfound=2; fi
    basename "$j"
  done
  if [ -z "$sfound" ] && have spark-submit; then
    sec spark-submit
    bounded 60 spark-submit --version 2>&1 | head -n 20
  fi
  for j in "$shome"/jars/spark-core_*.jar; do
    [ -e "$j" ] && have unzip || break
    sec spark-class-file
    unzip -p "$j" org/apache/spark/SparkContext.class 2>/dev/null | od -An -tu1 -N8
    break
  done
fi
# Jars built for one Scala binary version (name_2.12-1.0.jar, name_3-1.0.jar), where Spark and a
# JVM application load them from: SPARK_HOME/jars and the entries of $CLASSPATH (a jar, or dir/*).
scala_jar() { case ${1##*/} in *_2.1[0-9]-*.jar | *_3-*.jar) return 0 ;; esac; return 1; }
_sj=
if [ -n "$shome" ]; then
  for j in "$shome"/jars/*.jar; do
    [ -e "$j" ] && scala_jar "$j" || continue
    [ -z "$_sj" ] && sec scala-suffixed-jars && _sj=1
    printf '%s\n' "${j##*/}"
  done
fi
if [ -n "${CLASSPATH:-}" ]; then
  _ifs=$IFS
  IFS=:
  for e in $CLASSPATH; do
    IFS=$_ifs
    case $e in
      */\*) for j in "${e%/*}"/*.jar; do
          [ -e "$j" ] && scala_jar "$j" || continue
          [ -z "$_sj" ] && sec scala-suffixed-jars && _sj=1
          printf '%s\n' "${j##*/}"
        done ;;
      *.jar) if [ -e "$e" ] && scala_jar "$e"; then
          [ -z "$_sj" ] && sec scala-suffixed-jars && _sj=1
          printf '%s\n' "${e##*/}"
        fi ;;
    esac
  done
  IFS=$_ifs
fi
exit 0
