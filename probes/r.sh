# r probe: ONE `Rscript --vanilla` start prints the R version, platform and every installed
# package with the DESCRIPTION fields that tell where it came from (sessioninfo's pkg_source
# reads the same ones). --vanilla: no site/user profile may print into our output.
# R_DEFAULT_PACKAGES=NULL: attaching stats, graphics, methods… would double the start-up time;
# only base and utils:: are used.
# Output: `### rscript` (its path), `### r` (key=value), `### packages` (tab-separated:
# Package, Version, Priority, Repository, RemoteType, GithubRepo, biocViews-present, Built (the R
# version that installed it), the `R (>= x)` of its Depends), or `### absent`.
if ! have Rscript; then
  sec absent
  exit 0
fi
sec rscript
command -v Rscript
bounded "$ENVDIFF_CHILD_TIMEOUT" env R_DEFAULT_PACKAGES=NULL Rscript --vanilla -e '
clean <- function(x) { x[is.na(x)] <- ""; gsub("[\t\r\n]+", " ", x) }
cat("### r\n")
cat("version=", R.version$major, ".", R.version$minor, "\n", sep = "")
cat("platform=", R.version$platform, "\n", sep = "")
cat("home=", R.home(), "\n", sep = "")
# renv project (renv.lock here): put its project library first, as the renv .Rprofile that
# --vanilla skips would do, without running any project code. No apostrophes in this R code.
if (file.exists("renv.lock")) {
  rv <- paste0("R-", R.version$major, ".", strsplit(R.version$minor, ".", fixed = TRUE)[[1]][1])
  lib <- Sys.glob(file.path("renv", "library", c(rv, file.path("*", rv)), R.version$platform))
  lib <- lib[dir.exists(lib)]
  if (length(lib) > 0) {
    .libPaths(c(normalizePath(lib[1]), .libPaths()))
    cat("renv-library=", normalizePath(lib[1]), "\n", sep = "")
  }
}
cat("### packages\n")
ip <- utils::installed.packages(fields = c("Repository", "RemoteType", "GithubRepo", "biocViews"))
# The first library on .libPaths() wins, as library() resolves it.
ip <- ip[!duplicated(ip[, "Package"]), , drop = FALSE]
bioc <- ifelse(is.na(ip[, "biocViews"]) | !nzchar(trimws(clean(ip[, "biocViews"]))), "", "yes")
# Built is the R version that installed the package; Depends may name R itself: "R (>= 4.1.0), utils".
dep <- clean(ip[, "Depends"])
m <- regexpr("(^|,)[[:space:]]*R[[:space:]]*[(][^)]*[)]", dep)
rdep <- ifelse(m > 0, substring(dep, m, m + attr(m, "match.length") - 1), "")
rdep <- gsub("[[:space:]]+", " ", trimws(gsub("^,?[[:space:]]*R[[:space:]]*[(]|[)]$", "", rdep)))
cat(paste(clean(ip[, "Package"]), clean(ip[, "Version"]), clean(ip[, "Priority"]),
          clean(ip[, "Repository"]), clean(ip[, "RemoteType"]), clean(ip[, "GithubRepo"]), bioc,
          clean(ip[, "Built"]), rdep, sep = "\t"), sep = "\n")
cat("\n")
'
