# Reference values for klaverblad's test suite, computed with R's sna and igraph.
#
# Run after make_reference.py (which writes the input graphs), from the
# repository root:
#
#   /usr/bin/python3 tests/reference/make_reference.py && Rscript tests/reference/make_reference.R
#
# This script
#   * adds the Freeman centralization rows (sna and igraph) and the sna/igraph
#     component counts to NAME.graph.csv, keeping the networkx rows that
#     make_reference.py wrote there;
#   * cross-checks degree, betweenness, closeness and eigenvector centrality in
#     NAME.expected.csv against sna and igraph (stops on a difference > 1e-9);
#   * writes brokerage/expected.csv with sna::brokerage()$raw.nli, after
#     checking it against a brute-force count of the Gould-Fernandez two-paths
#     written out below by role name.
# It uses no randomness.

suppressPackageStartupMessages({
  library(sna)
  library(igraph)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(file_arg) == 1) dirname(normalizePath(file_arg)) else getwd()

TOL <- 1e-9
SNA <- paste("sna", as.character(packageVersion("sna")))
IGR <- paste("R igraph", as.character(packageVersion("igraph")))

fmt <- function(x) ifelse(x == 0, "0", sprintf("%.12g", x))

csv_field <- function(s) {
  s <- as.character(s)
  needs <- grepl("[\",\n\r]", s)
  s[needs] <- paste0("\"", gsub("\"", "\"\"", s[needs]), "\"")
  s
}

write_rows <- function(path, header, rows) {
  # rows: list of character vectors; LF line ends, quotes only where needed
  lines <- c(paste(csv_field(header), collapse = ","),
             vapply(rows, function(r) paste(csv_field(r), collapse = ","), ""))
  con <- file(path, open = "wb")
  writeLines(lines, con, sep = "\n")
  close(con)
}

read_edges <- function(name) {
  e <- read.csv(file.path(here, paste0(name, ".csv")), colClasses = "character")
  stopifnot(identical(names(e), c("from", "to")))
  ids <- sort(unique(c(e$from, e$to)))
  m <- matrix(0, length(ids), length(ids), dimnames = list(ids, ids))
  m[cbind(e$from, e$to)] <- 1
  m[cbind(e$to, e$from)] <- 1
  m
}

check <- function(graph, measure, ref, other, source) {
  d <- max(abs(ref - other))
  cat(sprintf("  %-7s %-12s vs %-45s max|diff| = %.3g  %s\n", graph, measure,
              source, d, if (d <= TOL) "ok" else "MISMATCH"))
  if (d > TOL) stop(sprintf("cross-check failed: %s %s vs %s", graph, measure, source))
}

GRAPH_HEADER <- c("measure", "value", "library", "function", "note")

for (name in c("kite", "bridge", "star", "tree")) {
  m <- read_edges(name)
  ids <- rownames(m)
  n <- length(ids)
  g <- graph_from_adjacency_matrix(m, mode = "undirected")

  # --- cross-check the node measures that sna and igraph also compute
  ex <- read.csv(file.path(here, paste0(name, ".expected.csv")),
                 colClasses = c(id = "character"))
  stopifnot(identical(ex$id, ids))
  pairs <- (n - 1) * (n - 2) / 2
  check(name, "degree", ex$degree, sna::degree(m, gmode = "graph"),
        paste(SNA, "degree(gmode='graph')"))
  check(name, "betweenness", ex$betweenness,
        sna::betweenness(m, gmode = "graph") / pairs,
        paste(SNA, "betweenness(gmode='graph')/((n-1)(n-2)/2)"))
  check(name, "betweenness", ex$betweenness,
        igraph::betweenness(g, directed = FALSE, normalized = TRUE),
        paste(IGR, "betweenness(normalized=TRUE)"))
  check(name, "closeness", ex$closeness, sna::closeness(m, gmode = "graph"),
        paste(SNA, "closeness(gmode='graph')"))
  # use.eigen=TRUE: sna's default power iteration on A does not converge on
  # bipartite graphs (star, tree), whose spectrum holds both lambda and -lambda
  ev <- sna::evcent(m, gmode = "graph", use.eigen = TRUE)
  ev <- abs(ev) / sqrt(sum(ev^2))
  check(name, "eigenvector", ex$eigenvector, ev,
        paste(SNA, "evcent(use.eigen=TRUE), unit length"))
  ev <- igraph::eigen_centrality(g)$vector
  check(name, "eigenvector", ex$eigenvector, ev / sqrt(sum(ev^2)),
        paste(IGR, "eigen_centrality, unit length"))

  # --- Freeman centralization
  sna_deg <- sna::centralization(m, sna::degree, mode = "graph", normalize = TRUE)
  sna_bet <- sna::centralization(m, sna::betweenness, mode = "graph", normalize = TRUE)
  ig_deg <- centr_degree(g, normalized = TRUE)$centralization            # loops = TRUE (default)
  ig_deg_nl <- centr_degree(g, loops = FALSE, normalized = TRUE)$centralization
  ig_bet <- centr_betw(g, directed = FALSE, normalized = TRUE)$centralization  # R igraph 1.3.5 has no centr_betweenness()
  # by hand, Freeman: sum(max - c_i) / theoretical maximum (the star's sum)
  d <- rowSums(m)
  free_deg <- sum(max(d) - d) / ((n - 1) * (n - 2))
  stopifnot(abs(free_deg - sna_deg) <= TOL, abs(free_deg - ig_deg_nl) <= TOL)
  stopifnot(abs(sum(max(d) - d) / (n * (n - 1)) - ig_deg) <= TOL)
  b <- sna::betweenness(m, gmode = "graph")   # raw, each unordered pair once
  stopifnot(abs(sum(max(b) - b) / ((n - 1)^2 * (n - 2) / 2) - sna_bet) <= TOL)

  agree_deg <- abs(sna_deg - ig_deg) <= TOL
  agree_bet <- abs(sna_bet - ig_bet) <= TOL
  yn <- function(b) if (b) "yes" else "no"

  ours <- list(
    c("degree_centralization_sna", fmt(sna_deg), SNA,
      "sna::centralization(g, sna::degree, mode=\"graph\", normalize=TRUE)",
      "sum(max(deg)-deg)/((n-1)(n-2))"),
    c("betweenness_centralization_sna", fmt(sna_bet), SNA,
      "sna::centralization(g, sna::betweenness, mode=\"graph\", normalize=TRUE)",
      "sum(max(b)-b)/((n-1)^2(n-2)/2) with raw undirected betweenness b"),
    c("degree_centralization_igraph", fmt(ig_deg), IGR,
      "centr_degree(g, normalized=TRUE)$centralization",
      "default loops=TRUE: divides by n(n-1), not (n-1)(n-2)"),
    c("betweenness_centralization_igraph", fmt(ig_bet), IGR,
      "centr_betw(g, directed=FALSE, normalized=TRUE)$centralization (R igraph 1.3.5 name of centr_betweenness)",
      "sum(max(b)-b)/((n-1)^2(n-2)/2)"),
    c("degree_centralization_igraph_noloops", fmt(ig_deg_nl), IGR,
      "centr_degree(g, loops=FALSE, normalized=TRUE)$centralization",
      "explains the degree disagreement: equals sna"),
    c("agree_degree_centralization", yn(agree_deg), paste(SNA, "/", IGR),
      "|sna - igraph| <= 1e-9",
      if (agree_deg) "sna and igraph (default loops=TRUE) agree"
      else "sna and igraph disagree: igraph's default loops=TRUE normalizes by n(n-1); with loops=FALSE they agree"),
    c("agree_betweenness_centralization", yn(agree_bet), paste(SNA, "/", IGR),
      "|sna - igraph| <= 1e-9",
      if (agree_bet) "sna and igraph agree" else "sna and igraph disagree"),
    c("components_sna", as.character(sna::components(m, connected = "weak")), SNA,
      "sna::components(g, connected=\"weak\")", "cross-check of networkx's count"),
    c("components_igraph", as.character(igraph::components(g)$no), IGR,
      "igraph::components(g)$no", "cross-check of networkx's count")
  )
  cat(sprintf("  %-7s degree centralization sna %s igraph %s (loops=FALSE %s); betweenness sna %s igraph %s\n",
              name, fmt(sna_deg), fmt(ig_deg), fmt(ig_deg_nl), fmt(sna_bet), fmt(ig_bet)))

  path <- file.path(here, paste0(name, ".graph.csv"))
  keep <- list()
  if (file.exists(path)) {
    old <- read.csv(path, colClasses = "character", check.names = FALSE)
    if (identical(names(old), GRAPH_HEADER)) {
      old <- old[startsWith(old$library, "networkx"), , drop = FALSE]
      keep <- lapply(seq_len(nrow(old)), function(i) unlist(old[i, ], use.names = FALSE))
    }
  }
  nx_components <- NA
  for (r in keep) if (r[1] == "components") nx_components <- as.numeric(r[2])
  if (!is.na(nx_components))
    stopifnot(nx_components == sna::components(m, connected = "weak"),
              nx_components == igraph::components(g)$no)
  write_rows(path, GRAPH_HEADER, c(keep, ours))
}

# ---------------------------------------------------------------- brokerage

bdir <- file.path(here, "brokerage")
nodes <- read.csv(file.path(bdir, "nodes.csv"), colClasses = "character")
rels <- read.csv(file.path(bdir, "relations.csv"), colClasses = "character")
orgs <- nodes[nodes$kind == "organisation", ]
orgs <- orgs[order(orgs$id), ]
ids <- orgs$id
cl <- orgs$sector
N <- length(ids)
stopifnot(all(rels$kind %in% c("funds", "partner_of")),
          all(rels$from %in% ids), all(rels$to %in% ids))

net <- matrix(0, N, N, dimnames = list(ids, ids))
net[cbind(rels$from, rels$to)] <- 1                      # funds: from -> to
p <- rels$kind == "partner_of"
net[cbind(rels$to[p], rels$from[p])] <- 1                # partner_of: also to -> from

br <- sna::brokerage(net, cl)$raw.nli
stopifnot(identical(colnames(br), c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")))

# Brute force, by the Gould-Fernandez definitions: v brokers the ordered pair
# (a, b) iff a -> v -> b, a -!> b, a, v, b distinct.  Roles by the groups of
# (a, v, b): coordinator A A A, itinerant A B A, representative A A B,
# gatekeeper A B B, liaison A B C.
bf <- matrix(0, N, 5, dimnames = list(ids, c("coordinator", "itinerant",
                                             "representative", "gatekeeper",
                                             "liaison")))
for (v in 1:N) for (a in 1:N) for (b in 1:N) {
  if (a == v || b == v || a == b) next
  if (net[a, v] == 0 || net[v, b] == 0 || net[a, b] == 1) next
  role <- if (cl[a] == cl[v] && cl[v] == cl[b]) "coordinator"
          else if (cl[a] == cl[b]) "itinerant"
          else if (cl[a] == cl[v]) "representative"
          else if (cl[v] == cl[b]) "gatekeeper"
          else "liaison"
  bf[v, role] <- bf[v, role] + 1
}
stopifnot(all(br[, "w_I"] == bf[, "coordinator"]),
          all(br[, "w_O"] == bf[, "itinerant"]),
          all(br[, "b_IO"] == bf[, "representative"]),
          all(br[, "b_OI"] == bf[, "gatekeeper"]),
          all(br[, "b_O"] == bf[, "liaison"]),
          all(br[, "t"] == rowSums(bf)))
stopifnot(all(colSums(bf) > 0))  # every role occurs at least once
cat("  brokerage: sna raw.nli agrees with the brute-force count; role totals",
    paste(colnames(bf), colSums(bf), sep = "=", collapse = " "), "\n")

write_rows(file.path(bdir, "expected.csv"),
           c("id", colnames(br)),
           lapply(seq_len(N), function(i) c(ids[i], sprintf("%d", as.integer(br[i, ])))))
cat("done\n")
