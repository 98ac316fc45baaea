-- The benchmarks' wrk script: wrk -s bench/paths.lua URL -- PATHS MODE RUN
--   PATHS  a file of paths, one a line, requested in a scattered order; "-" for URL's path alone
--   MODE   "fresh": every request gets a new query string (n=RUN-THREAD-COUNTER), so Kolo's page
--          cache (keyed by the full URI) never answers; "same": the paths as they are
--   RUN    keeps the query strings of two runs (a warm-up and the measured run) apart
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
function init(args)
    paths, n, fresh, run = {}, 0, args[2] == "fresh", args[3] or "0"
    if args[1] and args[1] ~= "-" then
        for line in io.lines(args[1]) do paths[#paths + 1] = line end
    else
        paths[1] = wrk.path
    end
end
function request()
    n = n + 1
    local path = paths[(n * 7919 + id * 104729) % #paths + 1]
    if fresh then
        local sep = path:find("?", 1, true) and "&" or "?"
        path = path .. sep .. "n=" .. run .. "-" .. id .. "-" .. n
    end
    return wrk.format(nil, path)
end
