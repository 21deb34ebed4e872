// uses: nothing · provides: caffeineLeft, isHalfLife, hourOfDay, bedtimeHour, latestStopHour, chartDay, clockOf
// The caffeine formula: widgets/caffeine.py's functions, repeated here; tests prove they agree.

/** Whether `value` is a half-life in hours within the book's range [low, high]. */
const isHalfLife = (value, range) => typeof value === "number" && range[0] <= value && value <= range[1];

/** Milligrams in the body at `hour`, for drinks given as [hour taken, mg] (caffeine.py: caffeine_left).
 * `range` is the half-life's [low, high] from the book's data (the `half_life_range` trait): a half-life
 * outside it is refused, as in Python. */
function caffeineLeft(drinks, hour, halfLife, range) {
  if (!isHalfLife(halfLife, range)) throw new Error(`half-life must be between ${range[0]} and ${range[1]} hours`);
  let total = 0;
  for (const [taken, mg] of drinks) if (taken <= hour) total += mg * 0.5 ** ((hour - taken) / halfLife);
  return total;
}

/** 'HH:MM' -> hours past the midnight that starts the chart's day (caffeine.py: hour_of_day). */
function hourOfDay(clock, dayStart) {
  const [hours, minutes] = clock.split(":").map(Number);
  const hour = hours + minutes / 60;
  return hour < dayStart ? hour + 24 : hour;
}

/** Bedtime as a real clock time after the last drink: the first time its clock reading comes round
 * at or after it (caffeine.py: bedtime_hour). A drink at 02:00 and bed at 06:00 is 4 hours later. */
function bedtimeHour(bedtime, drinkHours, dayStart) {
  let hour = hourOfDay(bedtime, dayStart);
  const last = Math.max(-Infinity, ...drinkHours);
  while (hour < last) hour += 24;
  return hour;
}

/** The latest time by which to have the last caffeine so that under `limit` mg is left at bedtime,
 * if every later drink were had then instead; null if not even at dayStart (caffeine.py: latest_stop_hour). */
function latestStopHour(drinks, bedHour, halfLife, limit, dayStart, step = 0.25, range) {
  const last = Math.max(dayStart, ...drinks.map(([taken]) => taken));
  let best = null;
  for (let i = 0; i <= Math.floor((last - dayStart) / step); i++) {
    const stop = dayStart + i * step;
    const moved = drinks.map(([taken, mg]) => [Math.min(taken, stop), mg]);
    if (caffeineLeft(moved, bedHour, halfLife, range) >= limit) break;
    best = stop;
  }
  return best;
}

/** The chart's day a moment belongs to, as YYYY-MM-DD: the local date `dayStart` hours earlier,
 * so a drink at 01:30 belongs to the evening before. */
function chartDay(date, dayStart) {
  const d = new Date(date.getTime() - dayStart * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function clockOf(hour) {
  const total = Math.round(hour * 60) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

