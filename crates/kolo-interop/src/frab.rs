//! Frab conference schedules (`schedule.xml`, `schedule.json`): a faithful model of the format,
//! lenient reading, strict writing.
