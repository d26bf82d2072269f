-- Paces each wrk connection: one request, then a pause. With C connections and a D ms pause the offered
-- load is about C * 1000 / D requests/s (wrk2, which fixes the rate, is not packaged in Debian).
local pause = tonumber(os.getenv("PACE_MS") or "10")
function delay()
  return pause
end
