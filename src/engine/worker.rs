//! Inference off the async runtime: one worker thread owns the model (its kernels use the
//! engine's own thread pool), fed by a bounded queue.
//!
//! - A full queue answers [`EngineError::Overloaded`] at once (never an unbounded backlog).
//! - A job whose deadline passed while it waited is skipped, not run.
//! - A running job sees its cancel flag set when its caller stops waiting (the caller's
//!   future was dropped or its deadline passed) and stops at the next step: dropping a
//!   future does not stop a blocking loop by itself.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use super::{EngineError, Generator};

type Job = Box<dyn FnOnce(&dyn Generator) + Send>;

struct Queued {
    job: Job,
    deadline: Instant,
    cancel: Arc<AtomicBool>,
}

struct Shared {
    queue: Mutex<VecDeque<Queued>>,
    ready: Condvar,
    capacity: usize,
    busy: AtomicBool,
    waiting: AtomicUsize,
    stop: AtomicBool,
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
    /// Starts the worker thread. `capacity` is how many jobs may wait (besides the running one).
    pub fn start(generator: Arc<dyn Generator>, capacity: usize) -> ModelWorker {
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            ready: Condvar::new(),
            capacity: capacity.max(1),
            busy: AtomicBool::new(false),
            waiting: AtomicUsize::new(0),
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

    pub fn is_busy(&self) -> bool {
        self.shared.busy.load(Ordering::Relaxed)
    }

    /// Runs `f` on the worker, waiting at most until `deadline`. `f` receives the cancel flag
    /// it must check between steps.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Instant,
        f: impl FnOnce(&dyn Generator, Arc<AtomicBool>) -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        self.submit(deadline, false, f).await
    }

    /// Like [`run`](Self::run), but only if the worker is idle and nothing waits (shadow mode).
    pub async fn run_if_idle<T: Send + 'static>(
        &self,
        deadline: Instant,
        f: impl FnOnce(&dyn Generator, Arc<AtomicBool>) -> Result<T, EngineError> + Send + 'static,
    ) -> Option<Result<T, EngineError>> {
        match self.submit(deadline, true, f).await {
            Err(EngineError::Overloaded) => None,
            other => Some(other),
        }
    }

    async fn submit<T: Send + 'static>(
        &self,
        deadline: Instant,
        only_if_idle: bool,
        f: impl FnOnce(&dyn Generator, Arc<AtomicBool>) -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        if self.shared.stop.load(Ordering::SeqCst) {
            return Err(EngineError::Model("the model worker is not running".into()));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job_cancel = cancel.clone();
        let job: Job = Box::new(move |g: &dyn Generator| {
            let _ = tx.send(f(g, job_cancel));
        });
        {
            let mut q = self
                .shared
                .queue
                .lock()
                .map_err(|_| EngineError::Model("queue poisoned".into()))?;
            let idle = q.is_empty() && !self.shared.busy.load(Ordering::SeqCst);
            if q.len() >= self.shared.capacity || (only_if_idle && !idle) {
                return Err(EngineError::Overloaded);
            }
            q.push_back(Queued {
                job,
                deadline,
                cancel: cancel.clone(),
            });
            self.shared.waiting.store(q.len(), Ordering::Relaxed);
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

fn run(shared: Arc<Shared>, generator: Arc<dyn Generator>) {
    loop {
        let next = {
            let Ok(mut q) = shared.queue.lock() else {
                return;
            };
            loop {
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(j) = q.pop_front() {
                    shared.waiting.store(q.len(), Ordering::Relaxed);
                    shared.busy.store(true, Ordering::SeqCst);
                    break j;
                }
                q = match shared.ready.wait(q) {
                    Ok(q) => q,
                    Err(_) => return,
                };
            }
        };
        // Skip work nobody waits for any more.
        if next.cancel.load(Ordering::Relaxed) || Instant::now() >= next.deadline {
            drop(next);
        } else {
            let job = next.job;
            let g = generator.clone();
            // A panic in model code must not kill the worker: it becomes an error reply
            // (the sender is dropped, the caller sees a closed channel).
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || job(g.as_ref())));
        }
        shared.busy.store(false, Ordering::SeqCst);
    }
}
