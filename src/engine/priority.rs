//! Background inference (shadow mode) on threads the OS runs only when nothing else wants the
//! CPU, that wait while requests are being answered, and that give the model back the moment
//! a customer's job arrives.
//!
//! On two cores, a shadow reading running at normal priority takes CPU time from the HTTP
//! workers and the rule route's tail latency rises. So background jobs run on their own pool,
//! whose threads are `SCHED_IDLE` on Linux (nice 19 where that is refused): any runnable
//! normal thread preempts them at once. An unprivileged thread cannot raise its priority
//! back, which is why these are separate threads rather than the foreground pool lowered for
//! a while. Priority alone still lets a reading share the caches and the memory bus with a
//! request, which shows at the p99 of a busy server. So before each large step (a few ms of
//! work) a background job also waits until no HTTP request is in flight ([`foreground`]) and
//! none has been for [`QUIET`], and stops when its cancel flag is set (a customer's job was
//! queued, or its deadline passed). Under sustained load, shadow readings then miss their
//! deadline and are counted as skipped instead of slowing anyone.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::EngineError;

/// How long the process must have answered no request before background work goes on.
pub const QUIET: Duration = Duration::from_millis(3);

/// Requests in flight in this process.
static FOREGROUND: AtomicUsize = AtomicUsize::new(0);
/// When the last request ended: microseconds since [`epoch`].
static LAST_END_US: AtomicU64 = AtomicU64::new(0);

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_us() -> u64 {
    epoch().elapsed().as_micros() as u64
}

/// Marks foreground work (an HTTP request) in flight until dropped.
pub struct Foreground(());

pub fn foreground() -> Foreground {
    FOREGROUND.fetch_add(1, Ordering::SeqCst);
    Foreground(())
}

impl Drop for Foreground {
    fn drop(&mut self) {
        LAST_END_US.store(now_us(), Ordering::SeqCst);
        FOREGROUND.fetch_sub(1, Ordering::SeqCst);
    }
}

/// No request in flight, and none ended within [`QUIET`].
fn quiet() -> bool {
    FOREGROUND.load(Ordering::SeqCst) == 0
        && now_us().saturating_sub(LAST_END_US.load(Ordering::SeqCst)) >= QUIET.as_micros() as u64
}

/// The priority background threads got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackgroundPriority {
    /// `SCHED_IDLE`: runs only on otherwise idle CPUs (Linux).
    Idle,
    /// Nice 19: the lowest normal priority (where `SCHED_IDLE` was refused).
    Nice,
    /// The OS refused both (or has neither): background work competes like any thread.
    Normal,
}

/// Lowers the calling thread's scheduling priority as far as the OS allows without privileges.
pub fn lower_this_thread() -> BackgroundPriority {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: plain system calls on the calling thread (pid 0 / its own tid) with a valid,
        // initialised parameter struct; they do not touch memory we own afterwards.
        unsafe {
            if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) == 0 {
                return BackgroundPriority::Idle;
            }
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            if libc::setpriority(libc::PRIO_PROCESS, tid, 19) == 0 {
                return BackgroundPriority::Nice;
            }
        }
    }
    BackgroundPriority::Normal
}

thread_local! {
    /// On the thread running a background job: that job's cancel flag.
    static JOB_CANCEL: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// The running job's cancel flag, on the thread that runs a background job.
fn job_cancel() -> Option<Arc<AtomicBool>> {
    JOB_CANCEL.with(|c| c.borrow().clone())
}

/// A thread pool for background jobs.
pub struct Background {
    pool: rayon::ThreadPool,
    priority: BackgroundPriority,
}

impl Background {
    pub fn new(threads: usize) -> Result<Background, EngineError> {
        let got = Arc::new(Mutex::new(Vec::new()));
        let seen = got.clone();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|i| format!("pulpo-shadow-{i}"))
            // A job's panic must not abort the process (rayon's default for `spawn`); the
            // jobs catch their own, this is the backstop.
            .panic_handler(|_| tracing::error!("a background inference job panicked"))
            .start_handler(move |_| {
                let p = lower_this_thread();
                if let Ok(mut v) = seen.lock() {
                    v.push(p);
                }
            })
            .build()
            .map_err(|e| EngineError::Model(format!("background thread pool: {e}")))?;
        // Every thread has run its start handler once `broadcast` returns on all of them.
        pool.broadcast(|_| ());
        let priority = got
            .lock()
            .ok()
            .and_then(|v| {
                // The weakest guarantee any thread got.
                v.iter().copied().max_by_key(|p| match p {
                    BackgroundPriority::Idle => 0,
                    BackgroundPriority::Nice => 1,
                    BackgroundPriority::Normal => 2,
                })
            })
            .unwrap_or(BackgroundPriority::Normal);
        if priority == BackgroundPriority::Normal {
            tracing::warn!(
                "background (shadow) inference threads could not lower their priority; \
                 shadow mode will compete with requests for the CPU"
            );
        }
        Ok(Background { pool, priority })
    }

    pub fn priority(&self) -> BackgroundPriority {
        self.priority
    }

    /// Whether the calling thread is one of the background threads.
    pub fn is_current(&self) -> bool {
        self.pool.current_thread_index().is_some()
    }

    pub fn pool(&self) -> &rayon::ThreadPool {
        &self.pool
    }

    /// Starts `f` on a background thread (its parallel parts on the background pool) and
    /// returns; `cancel` is the flag [`stop_requested`](Self::stop_requested) reads on that
    /// thread while `f` runs.
    pub fn spawn(&self, cancel: Arc<AtomicBool>, f: impl FnOnce() + Send + 'static) {
        self.pool.spawn(move || {
            JOB_CANCEL.with(|c| *c.borrow_mut() = Some(cancel));
            f();
            JOB_CANCEL.with(|c| c.borrow_mut().take());
        });
    }

    /// True on the thread of a background job that was asked to stop (a foreground job waits).
    pub fn stop_requested(&self) -> bool {
        job_cancel().is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Between two steps of the model: on a background thread, waits until the process is
    /// [quiet](QUIET), and fails with [`EngineError::Cancelled`] once the job was asked to
    /// stop. Does nothing on other threads.
    pub fn checkpoint(&self) -> Result<(), EngineError> {
        let Some(cancel) = job_cancel() else {
            return Ok(());
        };
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(EngineError::Cancelled);
            }
            if quiet() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_threads_get_a_lower_priority_and_see_their_cancel_flag() {
        let bg = Background::new(2).unwrap();
        // Containers may refuse SCHED_IDLE; Linux always lets a thread raise its own nice.
        #[cfg(target_os = "linux")]
        assert_ne!(bg.priority(), BackgroundPriority::Normal);
        let bg = Arc::new(bg);
        // Runs `f(bg)` as a background job and waits for its result.
        let run = |flag: Arc<AtomicBool>, f: fn(&Background, &AtomicBool) -> (i32, bool, bool)| {
            let (tx, rx) = std::sync::mpsc::channel();
            let (b, fl) = (bg.clone(), flag.clone());
            bg.spawn(flag, move || {
                let _ = tx.send(f(&b, &fl));
            });
            rx.recv().unwrap()
        };
        let (policy, before, after) = run(Arc::new(AtomicBool::new(false)), |b, flag| {
            // SAFETY: reads the calling thread's scheduling policy.
            #[cfg(target_os = "linux")]
            let policy = unsafe { libc::sched_getscheduler(0) };
            #[cfg(not(target_os = "linux"))]
            let policy = 0;
            let before = b.stop_requested();
            flag.store(true, Ordering::Relaxed);
            (policy, before, b.stop_requested())
        });
        #[cfg(target_os = "linux")]
        if bg.priority() == BackgroundPriority::Idle {
            assert_eq!(policy, libc::SCHED_IDLE);
        }
        let _ = policy;
        assert!(!before);
        assert!(after, "the job sees its flag");
        assert!(!bg.is_current());
        assert!(!bg.stop_requested(), "not a background thread");
        // The next job starts with its own flag.
        let (_, before, _) = run(Arc::new(AtomicBool::new(false)), |b, _| {
            (0, b.stop_requested(), false)
        });
        assert!(!before);
    }
}
