//! Inference off the async runtime: one worker thread owns the model (its kernels use the
//! engine's own thread pool), fed by a bounded queue.
//!
//! - A full queue answers [`EngineError::Overloaded`] at once (never an unbounded backlog).
//! - A job whose deadline passed while it waited is skipped, not run.
//! - A running job sees its cancel flag set when its caller stops waiting (the caller's
//!   future was dropped or its deadline passed) and stops at the next step: dropping a
//!   future does not stop a blocking loop by itself.
//! - An idle-only job (shadow mode) runs as background work ([`Generator::spawn_in_background`]:
//!   idle-priority threads) and is cancelled as soon as a customer's job is queued. The
//!   worker does not wait for it to stop: the customer's job starts at once, beside the
//!   background job's last layer.
//! - Encodes (the reader's one pass per message) that wait together share one forward pass:
//!   the worker takes every waiting customer encode with the one it starts, up to its batch
//!   size ([`MAX_BATCH`] by default), so a burst is answered in one pass instead of one after
//!   another.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::{EncodeRequest, Encoded, EngineError, Generator};

/// The most encodes one forward pass takes by default (their messages' tokens run as one
/// prefill; `[model] batch`).
pub const MAX_BATCH: usize = 8;

type Job = Box<dyn FnOnce(&dyn Generator) + Send>;
/// The rest of an encode job, given the encode's result.
type Then = Box<dyn FnOnce(&dyn Generator, Result<Encoded, EngineError>) + Send>;

enum Work {
    Job(Job),
    /// An encode that may share its forward pass with other waiting encodes.
    Encode(EncodeRequest, Then),
}

struct Queued {
    work: Work,
    deadline: Instant,
    cancel: Arc<AtomicBool>,
    background: bool,
}

struct Shared {
    queue: Mutex<VecDeque<Queued>>,
    /// The cancel flag of the background job now running; written only with `queue` held.
    running_background: Mutex<Option<Arc<AtomicBool>>>,
    ready: Condvar,
    capacity: usize,
    /// Most encodes per forward pass.
    batch: usize,
    busy: AtomicBool,
    waiting: AtomicUsize,
    /// The most jobs that ever waited at once (never above `capacity`).
    most_waiting: AtomicUsize,
    /// The most encodes that ever shared one forward pass.
    most_batched: AtomicUsize,
    /// How long a customer's forward pass takes lately (an exponential average, µs). Past
    /// capacity, a job that would finish after its deadline is turned away at once (its
    /// customer gets the rules' answer now) instead of run for nobody: otherwise every pass
    /// serves a request that already timed out, and the model answers almost no one.
    pass_us: AtomicU64,
    stop: AtomicBool,
}

impl Shared {
    /// The earliest deadline a job may have and still be worth starting now, when `others`
    /// could use the pass instead. With no one else to serve, any job still wanted is:
    /// running it costs no one, and its pass keeps the average current (after a slow spell,
    /// turning jobs away on a stale average would stop the model for good).
    fn horizon(&self, now: Instant, others: bool) -> Instant {
        if !others {
            return now;
        }
        now + Duration::from_micros(self.pass_us.load(Ordering::Relaxed))
    }

    fn record_pass(&self, took: Duration) {
        let took = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        let old = self.pass_us.load(Ordering::Relaxed);
        let new = if old == 0 {
            took
        } else {
            (old.saturating_mul(3).saturating_add(took)) / 4
        };
        self.pass_us.store(new, Ordering::Relaxed);
    }
}

/// A handle to the model worker; cheap to clone.
#[derive(Clone)]
pub struct ModelWorker {
    shared: Arc<Shared>,
    generator: Arc<dyn Generator>,
}

/// Sets the job's cancel flag when the caller stops waiting.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl ModelWorker {
    /// Starts the worker thread. `capacity` is how many jobs may wait (besides the running one);
    /// `batch`, how many waiting encodes may share one forward pass (1: one at a time).
    pub fn start(generator: Arc<dyn Generator>, capacity: usize, batch: usize) -> ModelWorker {
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            running_background: Mutex::new(None),
            ready: Condvar::new(),
            capacity: capacity.max(1),
            batch: batch.max(1),
            busy: AtomicBool::new(false),
            waiting: AtomicUsize::new(0),
            most_waiting: AtomicUsize::new(0),
            most_batched: AtomicUsize::new(0),
            pass_us: AtomicU64::new(0),
            stop: AtomicBool::new(false),
        });
        let worker_shared = shared.clone();
        let worker_gen = generator.clone();
        let spawned = std::thread::Builder::new()
            .name("pulpo-model".into())
            .spawn(move || run(worker_shared, worker_gen));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the model worker thread");
            shared.stop.store(true, Ordering::SeqCst);
        }
        ModelWorker { shared, generator }
    }

    /// Stops the worker thread after its current job.
    pub fn shutdown(&self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.ready.notify_all();
    }

    pub fn generator(&self) -> &Arc<dyn Generator> {
        &self.generator
    }

    /// Jobs waiting (not counting the running one).
    pub fn queue_depth(&self) -> usize {
        self.shared.waiting.load(Ordering::Relaxed)
    }

    /// How many jobs may wait besides the running one.
    pub fn capacity(&self) -> usize {
        self.shared.capacity
    }

    /// The most jobs that ever waited at once since the start.
    pub fn queue_high_water(&self) -> usize {
        self.shared.most_waiting.load(Ordering::Relaxed)
    }

    /// The most encodes that ever shared one forward pass since the start.
    pub fn batch_high_water(&self) -> usize {
        self.shared.most_batched.load(Ordering::Relaxed)
    }

    /// A job runs (a customer's, or a background one).
    pub fn is_busy(&self) -> bool {
        self.shared.busy.load(Ordering::Relaxed)
            || self
                .shared
                .running_background
                .lock()
                .map(|r| r.is_some())
                .unwrap_or(false)
    }

    /// Runs `f` on the worker, waiting at most until `deadline`. `f` receives the cancel flag
    /// it must check between steps.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Instant,
        f: impl FnOnce(&dyn Generator, Arc<AtomicBool>) -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        self.submit(deadline, false, plain(f)).await
    }

    /// Like [`run`](Self::run), but only if the worker is idle and nothing waits (shadow mode),
    /// as background work that gives way to the next foreground job. `None`: the model was
    /// busy, or became busy and this job gave way.
    pub async fn run_if_idle<T: Send + 'static>(
        &self,
        deadline: Instant,
        f: impl FnOnce(&dyn Generator, Arc<AtomicBool>) -> Result<T, EngineError> + Send + 'static,
    ) -> Option<Result<T, EngineError>> {
        idle_result(self.submit(deadline, true, plain(f)).await)
    }

    /// Encodes `req`, then runs `f` with the result, like [`run`](Self::run); the encode
    /// shares its forward pass with the other encodes waiting when it starts.
    pub async fn run_encode<T: Send + 'static>(
        &self,
        deadline: Instant,
        req: EncodeRequest,
        f: impl FnOnce(
                &dyn Generator,
                Result<Encoded, EngineError>,
                Arc<AtomicBool>,
            ) -> Result<T, EngineError>
            + Send
            + 'static,
    ) -> Result<T, EngineError> {
        self.submit(deadline, false, encode(req, f)).await
    }

    /// [`run_encode`](Self::run_encode) only if idle, as [`run_if_idle`](Self::run_if_idle).
    pub async fn run_encode_if_idle<T: Send + 'static>(
        &self,
        deadline: Instant,
        req: EncodeRequest,
        f: impl FnOnce(
                &dyn Generator,
                Result<Encoded, EngineError>,
                Arc<AtomicBool>,
            ) -> Result<T, EngineError>
            + Send
            + 'static,
    ) -> Option<Result<T, EngineError>> {
        idle_result(self.submit(deadline, true, encode(req, f)).await)
    }

    async fn submit<T: Send + 'static>(
        &self,
        deadline: Instant,
        only_if_idle: bool,
        make: impl FnOnce(Reply<T>, Arc<AtomicBool>) -> Work,
    ) -> Result<T, EngineError> {
        if self.shared.stop.load(Ordering::SeqCst) {
            return Err(EngineError::Model("the model worker is not running".into()));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let work = make(tx, cancel.clone());
        {
            let mut q = self
                .shared
                .queue
                .lock()
                .map_err(|_| EngineError::Model("queue poisoned".into()))?;
            let background_runs = self
                .shared
                .running_background
                .lock()
                .map(|r| r.is_some())
                .unwrap_or(true);
            let idle = q.is_empty() && !self.shared.busy.load(Ordering::SeqCst) && !background_runs;
            if q.len() >= self.shared.capacity || (only_if_idle && !idle) {
                return Err(EngineError::Overloaded);
            }
            q.push_back(Queued {
                work,
                deadline,
                cancel: cancel.clone(),
                background: only_if_idle,
            });
            self.shared.waiting.store(q.len(), Ordering::Relaxed);
            self.shared
                .most_waiting
                .fetch_max(q.len(), Ordering::Relaxed);
            if !only_if_idle {
                // A customer's job waits: the running background job gives way.
                if let Ok(Some(c)) = self.shared.running_background.lock().as_deref() {
                    c.store(true, Ordering::Relaxed);
                }
            }
        }
        self.shared.ready.notify_one();
        let _guard = CancelOnDrop(cancel);
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rx).await {
            Ok(Ok(r)) => r,
            Ok(Err(_)) => Err(EngineError::Model(
                "the model worker dropped the job (it panicked)".into(),
            )),
            Err(_) => Err(EngineError::Timeout),
        }
    }
}

type Reply<T> = tokio::sync::oneshot::Sender<Result<T, EngineError>>;

fn plain<T: Send + 'static>(
    f: impl FnOnce(&dyn Generator, Arc<AtomicBool>) -> Result<T, EngineError> + Send + 'static,
) -> impl FnOnce(Reply<T>, Arc<AtomicBool>) -> Work {
    move |tx, cancel| {
        Work::Job(Box::new(move |g: &dyn Generator| {
            let _ = tx.send(f(g, cancel));
        }))
    }
}

fn encode<T: Send + 'static>(
    req: EncodeRequest,
    f: impl FnOnce(
            &dyn Generator,
            Result<Encoded, EngineError>,
            Arc<AtomicBool>,
        ) -> Result<T, EngineError>
        + Send
        + 'static,
) -> impl FnOnce(Reply<T>, Arc<AtomicBool>) -> Work {
    move |tx, cancel| {
        Work::Encode(
            req,
            Box::new(move |g: &dyn Generator, enc| {
                let _ = tx.send(f(g, enc, cancel));
            }),
        )
    }
}

/// An idle-only job refused or given way reads as "the model was busy".
fn idle_result<T>(r: Result<T, EngineError>) -> Option<Result<T, EngineError>> {
    match r {
        Err(EngineError::Overloaded | EngineError::Cancelled) => None,
        other => Some(other),
    }
}

impl Work {
    /// As one job: an encode alone, then its continuation.
    fn into_job(self) -> Job {
        match self {
            Work::Job(job) => job,
            Work::Encode(req, then) => Box::new(move |g: &dyn Generator| {
                let enc = g
                    .encode_many(std::slice::from_ref(&req))
                    .pop()
                    .unwrap_or_else(|| {
                        Err(EngineError::Model("an encode returned nothing".into()))
                    });
                then(g, enc)
            }),
        }
    }
}

/// Takes out of `q` the customer encodes that may join `first`'s pass (same layers, still
/// wanted), up to `most` in all, in queue order.
fn take_batch(
    q: &mut VecDeque<Queued>,
    first: &EncodeRequest,
    most: usize,
    horizon: Instant,
) -> Vec<Queued> {
    let mut taken = Vec::new();
    let mut i = 0;
    while i < q.len() && taken.len() + 1 < most {
        let joins = matches!(&q[i].work, Work::Encode(r, _) if r.layers == first.layers)
            && !q[i].background
            && !q[i].cancel.load(Ordering::Relaxed)
            && q[i].deadline > horizon;
        if joins {
            taken.extend(q.remove(i));
        } else {
            i += 1;
        }
    }
    taken
}

fn run(shared: Arc<Shared>, generator: Arc<dyn Generator>) {
    loop {
        let (next, others) = {
            let Ok(mut q) = shared.queue.lock() else {
                return;
            };
            loop {
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(j) = q.pop_front() {
                    let others = match &j.work {
                        Work::Encode(req, _) if !j.background => take_batch(
                            &mut q,
                            req,
                            shared.batch,
                            shared.horizon(Instant::now(), true),
                        ),
                        _ => Vec::new(),
                    };
                    shared.waiting.store(q.len(), Ordering::Relaxed);
                    if j.background {
                        set_running_background(&shared, Some(j.cancel.clone()));
                    } else {
                        shared.busy.store(true, Ordering::SeqCst);
                    }
                    break (j, others);
                }
                q = match shared.ready.wait(q) {
                    Ok(q) => q,
                    Err(_) => return,
                };
            }
        };
        if !others.is_empty() {
            let mut batch = vec![next];
            batch.extend(others);
            let started = Instant::now();
            if run_batch(&shared, generator.as_ref(), batch) {
                shared.record_pass(started.elapsed());
            }
            shared.busy.store(false, Ordering::SeqCst);
            continue;
        }
        let Queued {
            work,
            deadline,
            cancel,
            background,
        } = next;
        let work = if background || cancel.load(Ordering::Relaxed) {
            work
        } else {
            let others = shared.waiting.load(Ordering::Relaxed) > 0;
            let horizon = shared.horizon(Instant::now(), others);
            match turn_away(work, deadline, horizon, generator.as_ref()) {
                Some(work) => work,
                None => {
                    shared.busy.store(false, Ordering::SeqCst);
                    continue;
                }
            }
        };
        let timed = !background && matches!(work, Work::Encode(..));
        let job = work.into_job();
        // Skip work nobody waits for any more.
        let skip = cancel.load(Ordering::Relaxed) || Instant::now() >= deadline;
        let g = generator.clone();
        // A panic in model code must not kill the worker: it becomes an error reply
        // (the sender is dropped, the caller sees a closed channel).
        let guarded = move || {
            if !skip {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(g.as_ref())));
            }
        };
        if background {
            // The worker does not wait for it: a customer's job queued meanwhile starts at
            // once, even while the background threads, starved by a busy CPU, have not yet
            // reached the next check of their cancel flag.
            let done = shared.clone();
            generator.spawn_in_background(
                cancel,
                Box::new(move || {
                    guarded();
                    if let Ok(_q) = done.queue.lock() {
                        set_running_background(&done, None);
                    }
                }),
            );
        } else {
            let started = Instant::now();
            guarded();
            if timed && !skip {
                shared.record_pass(started.elapsed());
            }
            shared.busy.store(false, Ordering::SeqCst);
        }
    }
}

/// A customer's encode that could not finish before its deadline (it is before `horizon`)
/// answers "timed out" at once, and one past its deadline (nobody waits) is dropped;
/// `Some(work)` is worth running.
fn turn_away(work: Work, deadline: Instant, horizon: Instant, g: &dyn Generator) -> Option<Work> {
    match work {
        Work::Encode(..) if deadline <= Instant::now() => None,
        Work::Encode(_, then) if deadline <= horizon => {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                then(g, Err(EngineError::Timeout))
            }));
            None
        }
        other => Some(other),
    }
}

/// Customer encodes in one forward pass, then each one's continuation. Jobs nobody waits for
/// any more are dropped first, and those that could not finish in time are turned away; a
/// panic fails the jobs it reaches, not the worker. Whether a pass ran.
fn run_batch(shared: &Shared, g: &dyn Generator, batch: Vec<Queued>) -> bool {
    // Some of the batch, or the queue, is served if the late ones are turned away.
    let now = Instant::now();
    let late = shared.horizon(now, true);
    let others = shared.waiting.load(Ordering::Relaxed) > 0
        || batch
            .iter()
            .any(|j| j.deadline > late && !j.cancel.load(Ordering::Relaxed));
    let horizon = shared.horizon(now, others);
    let (reqs, thens): (Vec<EncodeRequest>, Vec<Then>) = batch
        .into_iter()
        .filter(|j| !j.cancel.load(Ordering::Relaxed))
        .filter_map(|j| turn_away(j.work, j.deadline, horizon, g))
        .filter_map(|w| match w {
            Work::Encode(req, then) => Some((req, then)),
            Work::Job(_) => None,
        })
        .unzip();
    if reqs.is_empty() {
        return false;
    }
    shared.most_batched.fetch_max(reqs.len(), Ordering::Relaxed);
    let Ok(encoded) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.encode_many(&reqs)))
    else {
        return false;
    };
    for (then, enc) in thens.into_iter().zip(encoded) {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| then(g, enc)));
    }
    true
}

/// Records the running background job's cancel flag (call with the queue locked).
fn set_running_background(shared: &Shared, cancel: Option<Arc<AtomicBool>>) {
    if let Ok(mut r) = shared.running_background.lock() {
        *r = cancel;
    }
}

#[cfg(test)]
mod tests;
