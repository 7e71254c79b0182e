//! `OpLock<T>`: the one lock of a runtime's core. It serialises the runtime's operations, cold
//! work included, between threads, and holds the warm state they change.
//!
//! One thread at a time runs an operation, and may enter again while it does (a syscall
//! reached from a backing function, a cold step calling back into the core). Cold work runs
//! in Python with the lock held but the state not borrowed, so no other thread's warm
//! `table_set` or `global_set` runs on the store while it instantiates a pool module.
//!
//! The state is borrowed through the holder's guard, one borrow at a time: a re-entry of the
//! same thread finds it borrowed only if a borrow spanned a call out of the core, which no
//! operation does, and gets `None` rather than a second mutable reference.
//!
//! Uncontended, entering is one compare-and-swap and leaving another: the warm syscalls take
//! this lock three times a guest closure cycle, and it was two locks before.

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Set in `owner` while a thread waits for the lock: the holder then wakes it when it leaves.
const WAITING: usize = 1;

/// This thread's token: nonzero, with the `WAITING` bit clear, unique among live threads.
fn thread_token() -> usize {
    // SAFETY: pthread_self has no preconditions.
    let id = unsafe { libc::pthread_self() } as usize;
    (id << 1) | 2 // `| 2`: nonzero whatever pthread_t is; the shift frees the WAITING bit
}

pub struct OpLock<T> {
    /// The holder's token (with `WAITING` set if a thread waits), or 0.
    owner: AtomicUsize,
    /// How many times the holder entered (only the holder touches it).
    depth: AtomicUsize,
    /// Whether the holder has the state borrowed (only the holder touches it).
    borrowed: AtomicBool,
    /// Where waiters park: made anew in a forked child (`reset_in_child`), where a thread
    /// that vanished may hold its mutex.
    parking: UnsafeCell<Parking>,
    /// The process the lock belongs to: a forked child resets it once (`reset_in_child`).
    pid: AtomicU32,
    state: UnsafeCell<T>,
}

#[derive(Default)]
struct Parking {
    parked: Mutex<()>,
    wake: Condvar,
}

/// Neither `Send` nor `Sync`: a guard, and a borrow through it, stay on the thread that
/// entered, whose token `owner` holds.
type ThisThreadOnly = PhantomData<*const ()>;

// SAFETY: the state is reached only through a guard, by the one thread that holds the lock
// (`owner`'s compare-and-swap with Acquire, and its Release store, order the holders; guards
// and borrows cannot leave their thread, and a borrow cannot outlive its guard), and
// `borrowed` keeps that thread to one reference at a time. `parking` is replaced only by
// `reset_in_child`, when the process has one thread and no `&Parking` is alive (each use of
// `parking()` ends before the code using it returns, and runs no Python).
unsafe impl<T: Send> Sync for OpLock<T> {}

/// The lock, held by this thread (whose token it keeps) until dropped.
pub struct OpGuard<'a, T> {
    lock: &'a OpLock<T>,
    me: usize,
    _thread: ThisThreadOnly,
}

/// The state, borrowed through a guard (for no longer than the guard) until dropped.
pub struct StateRef<'g, T> {
    lock: &'g OpLock<T>,
    _thread: ThisThreadOnly,
}

impl<T> OpLock<T> {
    pub fn new(state: T) -> OpLock<T> {
        OpLock {
            owner: AtomicUsize::new(0),
            depth: AtomicUsize::new(0),
            borrowed: AtomicBool::new(false),
            parking: UnsafeCell::new(Parking::default()),
            pid: AtomicU32::new(std::process::id()),
            state: UnsafeCell::new(state),
        }
    }

    /// Take the lock without waiting: held by this thread already, or free.
    pub fn try_enter(&self) -> Option<OpGuard<'_, T>> {
        let me = thread_token();
        if self.owner.load(Ordering::Relaxed) & !WAITING == me {
            // Only this thread stores its own token, so the value read is current.
            let depth = self.depth.load(Ordering::Relaxed);
            self.depth.store(depth + 1, Ordering::Relaxed);
            return Some(self.guard(me));
        }
        self.owner
            .compare_exchange(0, me, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| {
                self.depth.store(1, Ordering::Relaxed);
                self.guard(me)
            })
    }

    fn guard(&self, me: usize) -> OpGuard<'_, T> {
        OpGuard {
            lock: self,
            me,
            _thread: PhantomData,
        }
    }

    fn parking(&self) -> &Parking {
        // SAFETY: replaced only by `reset_in_child`, when no reference is alive (see the `Sync`
        // impl).
        unsafe { &*self.parking.get() }
    }

    /// `enter`, for a caller that must take the lock in another frame of its own thread
    /// (PyO3's `detach` gives back only `Send` values): the token to `adopt` the lock with.
    pub fn enter_for_adoption(&self) -> usize {
        let guard = self.enter();
        let me = guard.me;
        std::mem::forget(guard); // `adopt` makes it again: the lock stays held, counted once
        me
    }

    /// The guard of an `enter_for_adoption` of this thread.
    ///
    /// # Safety
    /// `me` is what `enter_for_adoption` returned on this thread, adopted once.
    pub unsafe fn adopt(&self, me: usize) -> OpGuard<'_, T> {
        self.guard(me)
    }

    /// Take the lock, waiting for another thread's operation (the caller holds no GIL).
    pub fn enter(&self) -> OpGuard<'_, T> {
        loop {
            if let Some(guard) = self.try_enter() {
                return guard;
            }
            let parking = self.parking();
            let parked = parking.parked.lock().unwrap_or_else(|p| p.into_inner());
            let holder = self.owner.load(Ordering::Relaxed);
            // The holder takes `parked` before it frees a lock marked WAITING, so it cannot
            // free it between this mark and the wait, which releases `parked`.
            if holder != 0
                && self
                    .owner
                    .compare_exchange(
                        holder,
                        holder | WAITING,
                        Ordering::Relaxed,
                        Ordering::Relaxed,
                    )
                    .is_ok()
            {
                // The timeout only bounds a wake-up missed for a reason not foreseen here.
                let _ = parking.wake.wait_timeout(parked, Duration::from_millis(1));
            }
        }
    }

    /// In a forked child, where only the forking thread exists: a holder that was another
    /// thread never leaves, so the lock is freed. If that thread had the state borrowed, its
    /// change may be half made: the state stays borrowed, and every operation is refused.
    /// Does nothing in the process that made the lock, or in a child already reset: the
    /// first call in a child comes from `os.register_at_fork`, before the child runs other
    /// code or starts a thread.
    pub fn reset_in_child(&self) {
        let pid = std::process::id();
        if self.pid.swap(pid, Ordering::Relaxed) == pid {
            return;
        }
        // SAFETY: a new child process, which has one thread (see above); no `&Parking` is
        // alive (see the `Sync` impl).
        unsafe { *self.parking.get() = Parking::default() };
        let owner = self.owner.load(Ordering::Relaxed);
        if owner & !WAITING == thread_token() {
            self.owner.store(owner & !WAITING, Ordering::Relaxed); // its waiters are gone
        } else {
            self.owner.store(0, Ordering::Relaxed);
            self.depth.store(0, Ordering::Relaxed);
        }
    }
}

impl<T> OpGuard<'_, T> {
    /// The state, unless this thread has it borrowed already.
    pub fn state(&self) -> Option<StateRef<'_, T>> {
        let lock = self.lock;
        if lock.borrowed.load(Ordering::Relaxed) {
            return None;
        }
        lock.borrowed.store(true, Ordering::Relaxed);
        Some(StateRef {
            lock,
            _thread: PhantomData,
        })
    }
}

impl<T> Drop for OpGuard<'_, T> {
    fn drop(&mut self) {
        let lock = self.lock;
        let depth = lock.depth.load(Ordering::Relaxed);
        lock.depth.store(depth - 1, Ordering::Relaxed);
        if depth > 1 {
            return;
        }
        if lock
            .owner
            .compare_exchange(self.me, 0, Ordering::Release, Ordering::Relaxed)
            .is_err()
        {
            // A thread waits (WAITING is set): free the lock under `parked`, then wake it.
            let parking = lock.parking();
            let _parked = parking.parked.lock().unwrap_or_else(|p| p.into_inner());
            lock.owner.store(0, Ordering::Release);
            parking.wake.notify_all();
        }
    }
}

impl<T> Deref for StateRef<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: this thread holds the lock and this is its one borrow (`OpGuard::state`).
        unsafe { &*self.lock.state.get() }
    }
}

impl<T> DerefMut for StateRef<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; `&mut self` makes this reference the only one.
        unsafe { &mut *self.lock.state.get() }
    }
}

impl<T> Drop for StateRef<'_, T> {
    fn drop(&mut self) {
        self.lock.borrowed.store(false, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn one_borrow_at_a_time_and_reentry() {
        let lock = OpLock::new(5);
        let outer = lock.enter();
        let mut state = outer.state().expect("free");
        *state += 1;
        let inner = lock.try_enter().expect("the holder enters again");
        assert!(inner.state().is_none(), "a second borrow is refused");
        drop(state);
        assert_eq!(*inner.state().expect("borrow released"), 6);
        drop(inner);
        drop(outer);
        assert_eq!(lock.owner.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn a_fork_frees_the_lock_but_not_a_borrow_another_thread_held() {
        let lock = OpLock::new(0);
        // As a forked child finds it: another thread of the parent held the lock, borrowed.
        lock.owner.store(thread_token() + 4, Ordering::Relaxed);
        lock.depth.store(1, Ordering::Relaxed);
        lock.borrowed.store(true, Ordering::Relaxed);
        assert!(lock.try_enter().is_none());
        lock.reset_in_child();
        assert!(
            lock.try_enter().is_none(),
            "not reset in the process that made it"
        );
        lock.pid.store(0, Ordering::Relaxed); // as a child finds it: its parent made the lock
        lock.reset_in_child();
        let guard = lock.try_enter().expect("freed");
        assert!(guard.state().is_none(), "the half-changed state is refused");
    }

    #[test]
    fn a_fork_remakes_the_parking_a_vanished_thread_held() {
        let lock = Arc::new(OpLock::new(0u64));
        // A thread that vanished (as in a forked child) while holding the parking's mutex.
        let vanished = Arc::clone(&lock);
        std::thread::spawn(move || std::mem::forget(vanished.parking().parked.lock()))
            .join()
            .expect("no panic");
        lock.pid.store(0, Ordering::Relaxed); // as a child finds it: its parent made the lock
        lock.reset_in_child();
        let holder = lock.enter();
        let (entered, waited) = std::sync::mpsc::channel();
        let waiter = Arc::clone(&lock);
        std::thread::spawn(move || {
            drop(waiter.enter());
            let _ = entered.send(());
        });
        std::thread::sleep(Duration::from_millis(20));
        drop(holder);
        assert!(
            waited.recv_timeout(Duration::from_secs(5)).is_ok(),
            "the waiter got the lock"
        );
    }

    #[test]
    fn threads_take_turns() {
        let lock = Arc::new(OpLock::new(0u64));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let lock = Arc::clone(&lock);
                std::thread::spawn(move || {
                    for _ in 0..20_000 {
                        let guard = lock.enter();
                        let mut state = guard.state().expect("not borrowed");
                        let value = *state;
                        std::hint::black_box(&value);
                        *state = value + 1;
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("no panic");
        }
        assert_eq!(*lock.enter().state().expect("free"), 80_000);
    }
}
