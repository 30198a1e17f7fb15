# Independent reference for the platform's item analysis (server/src/modules/analysis).
# Reads the committed simulated matrix (simulate-responses.ts) and writes item-analysis-r.json,
# which server/test/item-analysis-compute.test.ts compares the platform's figures with (1e-6).
#
# Run (Debian: apt-get install -y r-base-core r-cran-psych r-cran-jsonlite):
#   Rscript test/reference/item-analysis.R
#
# Scoring: 1 when the chosen option is the key, 0 otherwise; an omit (empty cell) scores 0.
# psych::alpha gives raw_alpha (= KR-20 for 0/1 items), alpha.drop (alpha if item deleted) and
# item.stats r.drop (item-rest correlation) and mean (p-value). SD is R's sd(): n-1 denominator.
# SEM = sd(total) * sqrt(1 - alpha). Upper/lower groups: the floor(0.27 n + 0.5) highest and
# lowest totals, ties in row order (order() is stable). Option-rest r = cor(chose option, total - item).
suppressPackageStartupMessages({
  library(psych)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
responses <- read.csv(file.path(here, "item-analysis-responses.csv"),
                      colClasses = "character", na.strings = character(0))
items <- read.csv(file.path(here, "item-analysis-items.csv"), colClasses = "character")
letters4 <- c("A", "B", "C", "D")

scored <- sapply(seq_len(ncol(responses)), function(j) as.integer(responses[[j]] == items$key[j]))
colnames(scored) <- items$item
total <- rowSums(scored)
n <- nrow(scored)

a <- psych::alpha(as.data.frame(scored), check.keys = FALSE, warnings = FALSE)
alpha <- a$total$raw_alpha
sdTotal <- sd(total)

g <- floor(0.27 * n + 0.5)
ord <- order(-total, seq_len(n))
upper <- ord[seq_len(g)]
lower <- ord[(n - g + 1):n]

itemsOut <- lapply(seq_len(ncol(scored)), function(j) {
  rest <- total - scored[, j]
  chosen <- responses[[j]]
  options <- lapply(seq_along(letters4), function(o) {
    picked <- as.integer(chosen == letters4[o])
    list(
      option = letters4[o],
      proportion = mean(picked),
      upper = mean(picked[upper]),
      lower = mean(picked[lower]),
      optionRest = if (sd(picked) > 0) cor(picked, rest) else NULL
    )
  })
  list(
    item = items$item[j],
    p = a$item.stats$mean[j],
    rDrop = a$item.stats$r.drop[j],
    alphaIfDeleted = a$alpha.drop$raw_alpha[j],
    upperP = mean(scored[upper, j]),
    lowerP = mean(scored[lower, j]),
    omitRate = mean(chosen == ""),
    options = options
  )
})

domains <- lapply(unique(items$domain), function(d) {
  cols <- which(items$domain == d)
  sub <- rowSums(scored[, cols])
  da <- psych::alpha(as.data.frame(scored[, cols]), check.keys = FALSE, warnings = FALSE)
  list(domain = d, items = length(cols), mean = mean(sub), sd = sd(sub),
       alpha = da$total$raw_alpha, sem = sd(sub) * sqrt(1 - da$total$raw_alpha))
})

out <- list(
  generatedBy = paste("R", R.version$major, R.version$minor, "psych", as.character(packageVersion("psych"))),
  candidates = n,
  test = list(mean = mean(total), sd = sdTotal, min = min(total), max = max(total),
              alpha = alpha, sem = sdTotal * sqrt(1 - alpha), groupSize = g),
  domains = domains,
  items = itemsOut
)
write_json(out, file.path(here, "item-analysis-r.json"), digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("alpha", format(alpha, digits = 15), "sd", format(sdTotal, digits = 15), "\n")

# ---- Edge cases (item-analysis-edges.json -> item-analysis-edges-r.json) ----------------------
# Hand-made matrices where a figure is undefined or easy to get wrong: zero-variance items,
# an all-omitted item, one and two candidates, tied totals at the 27% boundary, two items,
# negative alpha, no spread of totals. A figure R cannot define (sd of one value, cor with a
# constant, mean of an empty group, alpha of fewer than two items or of totals with no variance)
# is written as null: the platform must report null there, never NaN or 0.
# Alpha is KR-20 k/(k-1) * (1 - sum(var(x_i)) / var(X)) with k the items that VARY: an item
# everybody (or nobody) got right adds a constant to every total, which leaves the totals'
# reliability alone, so it must not change alpha through k. psych::alpha leaves such an item out
# of k the same way ("deleted but still counted in the score"); wherever psych can compute it,
# the script stops unless psych's raw_alpha and alpha.drop agree with kr20() to 1e-9.
defined <- function(x) if (length(x) == 1 && is.finite(x)) x else NA
kr20 <- function(s) {
  s <- as.matrix(s)
  if (nrow(s) < 2) return(NA)
  s <- s[, apply(s, 2, var) > 0, drop = FALSE]
  if (ncol(s) < 2) return(NA)
  v <- var(rowSums(s))
  if (!(v > 0)) return(NA)
  ncol(s) / (ncol(s) - 1) * (1 - sum(apply(s, 2, var)) / v)
}
safeCor <- function(x, y) if (length(x) > 1 && sd(x) > 0 && sd(y) > 0) cor(x, y) else NA

edges <- fromJSON(file.path(here, "item-analysis-edges.json"), simplifyVector = FALSE)
edgeOut <- lapply(edges$cases, function(case) {
  keys <- strsplit(case$keys, "")[[1]]
  chosen <- do.call(rbind, lapply(case$rows, function(r) strsplit(r, "")[[1]]))
  k <- length(keys)
  n <- nrow(chosen)
  scored <- sapply(seq_len(k), function(j) as.integer(chosen[, j] == keys[j]))
  scored <- matrix(scored, nrow = n)
  total <- rowSums(scored)
  g <- floor(0.27 * n + 0.5)
  ord <- order(-total, seq_len(n))
  upper <- ord[seq_len(g)]
  lower <- if (g > 0) ord[(n - g + 1):n] else integer(0)
  alpha <- kr20(scored)
  varies <- if (n > 1) apply(scored, 2, var) > 0 else rep(FALSE, k)
  psychAlpha <- NA
  if (sum(varies) >= 2 && var(total) > 0) {
    colnames(scored) <- paste0("i", seq_len(k))
    pa <- suppressMessages(suppressWarnings(
      psych::alpha(as.data.frame(scored), check.keys = FALSE, warnings = FALSE)))
    psychAlpha <- pa$total$raw_alpha
    stopifnot(abs(psychAlpha - alpha) < 1e-9)
    # With two items left psych's alpha.drop is a one-item figure; compare from three up.
    if (sum(varies) > 2) for (j in which(varies)) {
      # Where deleting item j leaves totals with no variance, psych gives -Inf and we null.
      theirs <- pa$alpha.drop[paste0("i", j), "raw_alpha"]
      ours <- kr20(scored[, -j, drop = FALSE])
      stopifnot(if (is.na(ours)) !is.finite(theirs) else abs(theirs - ours) < 1e-9)
    }
  }
  sdTotal <- defined(sd(total))
  list(
    name = case$name,
    candidates = n,
    test = list(mean = mean(total), sd = sdTotal, min = min(total), max = max(total),
                alpha = alpha, psychAlpha = psychAlpha,
                sem = if (is.na(alpha)) NA else sdTotal * sqrt(1 - alpha),
                groupSize = g, passRate = mean(total >= case$cut)),
    items = lapply(seq_len(k), function(j) {
      rest <- total - scored[, j]
      list(
        p = mean(scored[, j]),
        itemRest = safeCor(scored[, j], rest),
        alphaIfDeleted = kr20(scored[, -j, drop = FALSE]),
        upperP = defined(mean(scored[upper, j])),
        lowerP = defined(mean(scored[lower, j])),
        discrimination = defined(mean(scored[upper, j]) - mean(scored[lower, j])),
        omitRate = mean(chosen[, j] == "-"),
        options = lapply(letters4, function(o) {
          picked <- as.integer(chosen[, j] == o)
          list(option = o, proportion = mean(picked), upper = defined(mean(picked[upper])),
               lower = defined(mean(picked[lower])), optionRest = safeCor(picked, rest))
        })
      )
    })
  )
})
write_json(list(generatedBy = out$generatedBy, cases = edgeOut),
           file.path(here, "item-analysis-edges-r.json"),
           digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
