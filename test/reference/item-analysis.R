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
