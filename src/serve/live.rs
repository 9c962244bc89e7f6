//! What open pages wait on: the number of the last rebuild and its error, if it failed.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// The state of the site as the browser sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct State {
    /// Counts rebuilds, good or bad; a page reloads when it grows without an error.
    pub generation: u64,
    /// The diagnostics of the last rebuild, if it failed (the site is then the last good one).
    pub error: Option<String>,
}

/// The state shared by the rebuild loop and the HTTP threads.
#[derive(Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    /// The state now.
    pub fn now(&self) -> State {
        self.state
            .lock()
            .expect("the state lock is never poisoned")
            .clone()
    }

    /// Records a rebuild (`error` if it failed) and wakes every waiting page.
    pub fn rebuilt(&self, error: Option<String>) {
        let mut state = self.state.lock().expect("the state lock is never poisoned");
        state.generation += 1;
        state.error = error;
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `since`, or `timeout` passes; returns the state.
    pub fn wait(&self, since: u64, timeout: Duration) -> State {
        let state = self.state.lock().expect("the state lock is never poisoned");
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation == since)
            .expect("the state lock is never poisoned");
        state.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_waiting_page_wakes_on_a_rebuild_and_sees_its_error() {
        let live = Arc::new(Live::default());
        let waiter = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || live.wait(0, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(20));
        live.rebuilt(Some("broken".into()));
        let state = waiter.join().unwrap();
        assert_eq!(state.generation, 1);
        assert_eq!(state.error.as_deref(), Some("broken"));
        let same = live.wait(1, Duration::from_millis(10));
        assert_eq!(same.generation, 1, "times out without a change");
    }
}
