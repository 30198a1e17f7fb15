# Independent reference for rater agreement (server/src/modules/grading/agreement.ts) and the
# modified-Angoff panel figures (server/src/modules/standard-setting/angoff.stats.ts and
# study-figures.ts). Reads agreement-angoff.json and writes agreement-angoff-r.json, which
# server/test/agreement-angoff-reference.test.ts compares with (1e-6); CI needs no R.
#
# Run (Debian: apt-get install -y r-base-core r-cran-psych r-cran-jsonlite):
#   Rscript test/reference/agreement-angoff.R
#
# Kappa: psych::cohen.kappa(levels = 1:4)$weighted.kappa, quadratic weights on the real level
# distances. levels = 1:4 matters: without it psych re-numbers the levels actually used, so with
# level 3 unused the gap between 2 and 4 would count as 1. Undefined (both readers one and the
# same level throughout) is null. Unweighted kappa is written too, for the audit table only.
# Angoff: a panelist's cut is the sum of their ratings, only once every item is rated; mean,
# sd() (n - 1), SE = sd / sqrt(n), recommended cut = ceiling(mean), leave-one-out z =
# (cut - mean(others)) / sd(others), needing two others with sd > 0.
suppressPackageStartupMessages({
  library(psych)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
input <- fromJSON(file.path(here, "agreement-angoff.json"), simplifyVector = FALSE)
defined <- function(x) if (length(x) == 1 && is.finite(x)) x else NA

kappa <- lapply(input$kappa, function(case) {
  m <- sapply(case$pairs, function(p) p[[1]])
  o <- sapply(case$pairs, function(p) p[[2]])
  k <- suppressWarnings(psych::cohen.kappa(cbind(m, o), levels = 1:4))
  list(name = case$name, comparisons = length(m), exact = mean(m == o),
       adjacent = mean(abs(m - o) <= 1), meanSeverity = mean(m - o),
       weightedKappa = defined(k$weighted.kappa), unweightedKappa = defined(k$kappa))
})

angoff <- lapply(input$angoff, function(case) {
  ratings <- do.call(rbind, lapply(case$ratings, function(r)
    sapply(r, function(x) if (is.null(x)) NA else x)))
  if (is.null(dim(ratings))) ratings <- matrix(ratings, nrow = 1)
  complete <- complete.cases(ratings)
  cuts <- ifelse(complete, rowSums(ratings), NA)
  done <- cuts[complete]
  n <- length(done)
  s <- defined(sd(done))
  z <- sapply(seq_along(cuts), function(i) {
    if (!complete[i]) return(NA)
    others <- cuts[-i][complete[-i]]
    if (length(others) < 2 || sd(others) == 0) return(NA)
    (cuts[i] - mean(others)) / sd(others)
  })
  list(name = case$name, n = n, mean = mean(done), sd = s,
       se = if (is.na(s)) NA else s / sqrt(n), recommendedCut = ceiling(mean(done) - 1e-9),
       impliedCuts = as.list(cuts), z = as.list(z))
})

write_json(list(generatedBy = paste("R", R.version$major, R.version$minor, "psych",
                                    as.character(packageVersion("psych"))),
                kappa = kappa, angoff = angoff),
           file.path(here, "agreement-angoff-r.json"),
           digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
