//! Runs jobs concurrently but politely: at most `per_host` at once against one host, and at
//! least `host_delay` between the starts of two jobs against one host, on `workers` threads.
//! A site with forty links to one publisher must not look like an attack to that publisher.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Politeness {
    pub workers: usize,
    pub per_host: usize,
    pub host_delay: Duration,
}

struct HostState {
    active: usize,
    next_start: Instant,
}

struct State<R> {
    pending: VecDeque<usize>,
    hosts: HashMap<String, HostState>,
    results: Vec<Option<R>>,
}

/// Runs `work` on every job, returning the results in job order. `jobs` are `(host, job)`.
pub fn run<T, R>(
    jobs: &[(String, T)],
    politeness: Politeness,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let state = Mutex::new(State {
        pending: (0..jobs.len()).collect(),
        hosts: HashMap::new(),
        results: (0..jobs.len()).map(|_| None).collect(),
    });
    let wake = Condvar::new();
    let per_host = politeness.per_host.max(1);
    let workers = politeness.workers.max(1).min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut guard = state.lock().unwrap_or_else(|e| e.into_inner());
                loop {
                    if guard.pending.is_empty() {
                        return;
                    }
                    let now = Instant::now();
                    let ready = guard.pending.iter().position(|&i| {
                        guard
                            .hosts
                            .get(&jobs[i].0)
                            .is_none_or(|h| h.active < per_host && h.next_start <= now)
                    });
                    let Some(position) = ready else {
                        // Sleep until the soonest host may be asked again, or a job finishes.
                        let soonest = guard
                            .pending
                            .iter()
                            .filter_map(|&i| guard.hosts.get(&jobs[i].0))
                            .filter(|h| h.active < per_host)
                            .map(|h| h.next_start)
                            .min();
                        guard = match soonest {
                            Some(at) => {
                                let wait = at.saturating_duration_since(now);
                                wake.wait_timeout(guard, wait)
                                    .unwrap_or_else(|e| e.into_inner())
                                    .0
                            }
                            None => wake.wait(guard).unwrap_or_else(|e| e.into_inner()),
                        };
                        continue;
                    };
                    let index = guard
                        .pending
                        .remove(position)
                        .expect("position is in range");
                    let host = jobs[index].0.clone();
                    let entry = guard.hosts.entry(host.clone()).or_insert(HostState {
                        active: 0,
                        next_start: now,
                    });
                    entry.active += 1;
                    entry.next_start = now + politeness.host_delay;
                    drop(guard);
                    let result = work(&jobs[index].1);
                    guard = state.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(h) = guard.hosts.get_mut(&host) {
                        h.active -= 1;
                    }
                    guard.results[index] = Some(result);
                    wake.notify_all();
                }
            });
        }
    });
    state
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .results
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn per_host_limit_and_delay_hold() {
        let jobs: Vec<(String, usize)> = (0..12)
            .map(|i| (if i % 3 == 0 { "b" } else { "a" }.to_string(), i))
            .collect();
        let active_a = AtomicUsize::new(0);
        let most_a = AtomicUsize::new(0);
        let starts: Mutex<Vec<(String, Instant)>> = Mutex::new(Vec::new());
        let politeness = Politeness {
            workers: 6,
            per_host: 2,
            host_delay: Duration::from_millis(20),
        };
        let results = run(&jobs, politeness, |i| {
            let host = if i % 3 == 0 { "b" } else { "a" };
            starts.lock().unwrap().push((host.into(), Instant::now()));
            if host == "a" {
                let now = active_a.fetch_add(1, Ordering::SeqCst) + 1;
                most_a.fetch_max(now, Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_millis(30));
            if host == "a" {
                active_a.fetch_sub(1, Ordering::SeqCst);
            }
            i * 10
        });
        assert_eq!(results, (0..12).map(|i| i * 10).collect::<Vec<_>>());
        assert!(most_a.load(Ordering::SeqCst) <= 2);
        let starts = starts.into_inner().unwrap();
        for host in ["a", "b"] {
            let mut times: Vec<Instant> = starts
                .iter()
                .filter(|(h, _)| h == host)
                .map(|(_, t)| *t)
                .collect();
            times.sort();
            for pair in times.windows(2) {
                assert!(
                    pair[1] - pair[0] >= Duration::from_millis(19),
                    "{host}: {:?}",
                    pair[1] - pair[0]
                );
            }
        }
    }
}
