use std::cell::Cell;
use std::time::Duration;

use super::*;
use crate::engine::{Encoded, EngineInfo, GenOutput, GenRequest};

thread_local! {
    static IN_BACKGROUND: Cell<bool> = const { Cell::new(false) };
}

/// A generator that only tells its jobs whether they run as background work.
struct Fake;

impl Generator for Fake {
    fn generate(&self, _: &GenRequest) -> Result<GenOutput, EngineError> {
        Err(EngineError::Model("fake".into()))
    }
    fn hidden(&self, _: &str, _: &str) -> Result<Vec<f32>, EngineError> {
        Err(EngineError::Model("fake".into()))
    }
    fn encode(&self, _: &str, _: &str, _: Option<usize>) -> Result<Encoded, EngineError> {
        Err(EngineError::Model("fake".into()))
    }
    fn info(&self) -> EngineInfo {
        EngineInfo::fake("fake")
    }
    fn spawn_in_background(&self, _cancel: Arc<AtomicBool>, f: Box<dyn FnOnce() + Send>) {
        std::thread::spawn(move || {
            IN_BACKGROUND.with(|b| b.set(true));
            f();
        });
    }
}

fn soon() -> Instant {
    Instant::now() + Duration::from_secs(30)
}

#[tokio::test]
async fn only_idle_only_jobs_run_as_background_work() {
    let w = ModelWorker::start(Arc::new(Fake), 4, MAX_BATCH);
    let bg = w
        .run_if_idle(soon(), |_, _| Ok(IN_BACKGROUND.with(Cell::get)))
        .await;
    assert_eq!(bg, Some(Ok(true)));
    while w.is_busy() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let fg = w
        .run(soon(), |_, _| Ok(IN_BACKGROUND.with(Cell::get)))
        .await;
    assert_eq!(fg, Ok(false));
    w.shutdown();
}

#[tokio::test]
async fn a_customer_job_makes_the_running_background_job_give_way() {
    let w = ModelWorker::start(Arc::new(Fake), 4, MAX_BATCH);
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    let shadow = {
        let w = w.clone();
        tokio::spawn(async move {
            w.run_if_idle(soon(), move |_, cancel| {
                let _ = started_tx.send(());
                // A long reading that checks its flag between steps, as the model does.
                let until = Instant::now() + Duration::from_secs(20);
                while Instant::now() < until {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(EngineError::Cancelled);
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                Ok("finished")
            })
            .await
        })
    };
    started_rx.await.unwrap();
    // The model is busy now: another idle-only job is refused, not queued.
    assert_eq!(w.run_if_idle(soon(), |_, _| Ok(())).await, None);
    let customer = w.run(soon(), |_, _| Ok("answered")).await;
    assert_eq!(customer, Ok("answered"));
    // The background job gave way (None: "the model was busy"), it did not run to its end.
    assert_eq!(shadow.await.unwrap(), None);
    // And the next background job runs normally again, once the worker is idle (it marks
    // itself idle just after replying).
    while w.is_busy() || w.queue_depth() > 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(w.run_if_idle(soon(), |_, _| Ok(1)).await, Some(Ok(1)));
    w.shutdown();
}

#[tokio::test]
async fn a_customer_job_does_not_wait_for_a_starved_background_job() {
    // A background job that cannot reach its next flag check (as when a busy CPU starves
    // the idle-priority threads) until the test lets it.
    let w = ModelWorker::start(Arc::new(Fake), 4, MAX_BATCH);
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let shadow = {
        let w = w.clone();
        tokio::spawn(async move {
            w.run_if_idle(soon(), move |_, _| {
                let _ = started_tx.send(());
                let _ = release_rx.recv();
                Ok(())
            })
            .await
        })
    };
    started_rx.await.unwrap();
    let customer = w
        .run(Instant::now() + Duration::from_secs(10), |_, _| {
            Ok("answered")
        })
        .await;
    assert_eq!(customer, Ok("answered"));
    assert!(w.is_busy(), "the background job still runs");
    release_tx.send(()).unwrap();
    // It finished after all (it never looked at its flag), so the reading stands.
    assert_eq!(shadow.await.unwrap(), Some(Ok(())));
    while w.is_busy() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    w.shutdown();
}

/// Records the size of every `encode_many` call; an encode answers its suffix's length.
struct Batches(Mutex<Vec<usize>>);

impl Generator for Batches {
    fn generate(&self, _: &GenRequest) -> Result<GenOutput, EngineError> {
        Err(EngineError::Model("fake".into()))
    }
    fn hidden(&self, _: &str, _: &str) -> Result<Vec<f32>, EngineError> {
        Err(EngineError::Model("fake".into()))
    }
    fn encode(&self, _: &str, suffix: &str, _: Option<usize>) -> Result<Encoded, EngineError> {
        Ok(Encoded {
            tokens: vec![0; suffix.len()],
            offsets: Vec::new(),
            hidden_dim: 0,
            hidden: Vec::new(),
            pass_ms: 0.0,
            batch: 1,
        })
    }
    fn encode_many(&self, reqs: &[EncodeRequest]) -> Vec<Result<Encoded, EngineError>> {
        self.0.lock().unwrap().push(reqs.len());
        reqs.iter()
            .map(|r| self.encode(&r.prefix, &r.suffix, r.layers))
            .collect()
    }
    fn info(&self) -> EngineInfo {
        Fake.info()
    }
}

/// Holds the worker with a customer job until the returned sender is used; the job's handle.
async fn hold(
    w: &ModelWorker,
) -> (
    tokio::task::JoinHandle<Result<(), EngineError>>,
    std::sync::mpsc::Sender<()>,
) {
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let blocker = {
        let w = w.clone();
        tokio::spawn(async move {
            w.run(soon(), move |_, _| {
                let _ = started_tx.send(());
                let _ = release_rx.recv();
                Ok(())
            })
            .await
        })
    };
    started_rx.await.unwrap();
    (blocker, release_tx)
}

#[tokio::test]
async fn encodes_that_wait_together_share_one_pass() {
    let g = Arc::new(Batches(Mutex::new(Vec::new())));
    let w = ModelWorker::start(g.clone(), 16, MAX_BATCH);
    // Hold the worker while the encodes queue up.
    let (blocker, release_tx) = hold(&w).await;
    let encode = |suffix: &str, layers: Option<usize>, deadline: Instant| {
        let w = w.clone();
        let req = EncodeRequest {
            prefix: "p".into(),
            suffix: suffix.into(),
            layers,
        };
        tokio::spawn(async move {
            w.run_encode(deadline, req, |_, enc, _| enc.map(|e| e.tokens.len()))
                .await
        })
    };
    let mut jobs = Vec::new();
    for (i, suffix) in ["a", "bb", "ccc", "dddd"].iter().enumerate() {
        jobs.push(encode(suffix, Some(16), soon()));
        if i == 1 {
            // Another layer cannot share their pass; a plain job waits between them.
            jobs.push(encode("eeeee", None, soon()));
            let w = w.clone();
            jobs.push(tokio::spawn(
                async move { w.run(soon(), |_, _| Ok(0)).await },
            ));
        }
    }
    // One whose caller is gone by the time the worker gets to it.
    let gone = encode(
        "ffffff",
        Some(16),
        Instant::now() + Duration::from_millis(50),
    );
    while w.queue_depth() < 7 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    release_tx.send(()).unwrap();
    blocker.await.unwrap().unwrap();
    let mut got = Vec::new();
    for j in jobs {
        got.push(j.await.unwrap());
    }
    // Each caller gets its own encode's result.
    assert_eq!(got, vec![Ok(1), Ok(2), Ok(5), Ok(0), Ok(3), Ok(4)]);
    assert_eq!(gone.await.unwrap(), Err(EngineError::Timeout));
    // The four 16-layer encodes ran in one pass (the expired one was left out), the other
    // layer alone.
    assert_eq!(*g.0.lock().unwrap(), vec![4, 1]);
    assert_eq!(w.batch_high_water(), 4);
    w.shutdown();
}

#[tokio::test]
async fn an_encode_that_cannot_finish_in_time_is_turned_away_at_once() {
    let g = Arc::new(Batches(Mutex::new(Vec::new())));
    let w = ModelWorker::start(g.clone(), 16, MAX_BATCH);
    // Passes have lately taken ten seconds (this fake's take none).
    w.shared.record_pass(Duration::from_secs(10));
    let req = EncodeRequest {
        prefix: "p".into(),
        suffix: "abc".into(),
        layers: Some(16),
    };
    // Hold the worker while a late encode and another customer's job queue up.
    let (blocker, release_tx) = hold(&w).await;
    let late = {
        let (w, req) = (w.clone(), req.clone());
        tokio::spawn(async move {
            w.run_encode(Instant::now() + Duration::from_secs(5), req, |_, enc, _| {
                enc.map(|e| e.tokens.len())
            })
            .await
        })
    };
    while w.queue_depth() < 1 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let next = {
        let w = w.clone();
        tokio::spawn(async move { w.run(soon(), |_, _| Ok(7)).await })
    };
    while w.queue_depth() < 2 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    release_tx.send(()).unwrap();
    blocker.await.unwrap().unwrap();
    // Someone else waits and the average says this one cannot finish in its 5 s: it is
    // answered "timed out" (run, the instant fake would have answered 3).
    assert_eq!(late.await.unwrap(), Err(EngineError::Timeout));
    assert_eq!(next.await.unwrap(), Ok(7));
    assert!(g.0.lock().unwrap().is_empty(), "no pass ran for it");
    // Alone, a job still wanted runs, however late the average says it will be.
    let got = w
        .run_encode(Instant::now() + Duration::from_secs(5), req, |_, enc, _| {
            enc.map(|e| e.tokens.len())
        })
        .await;
    assert_eq!(got, Ok(3));
    w.shutdown();
}
