//! Slows down password guessing, per account and client address together, and per client
//! address alone: the first few wrong passwords are free, after that each further try must
//! wait, doubling up to a cap. An hour without failures forgives everything and the right
//! password clears its account for that client, so the real user is slowed down at worst,
//! never locked out for good, and never by an attacker elsewhere (whose tries count against
//! the attacker's own address). Against guesses spread over many addresses, an account also
//! counts its failures from everywhere: a hundred are free, then each try waits, at most a
//! minute, so such an attacker can slow the real user by a minute at most. IPv6 clients
//! count per /64 network (what one household or office gets).
//!
//! A try is counted as a failure when it is let through ([`Throttle::begin`]), before the
//! password is checked, and taken back if the password was right ([`Throttle::settle`]), so
//! parallel guesses cannot all pass the check before the first is counted.
//!
//! Pure bookkeeping over a clock passed in, so the rules are tested without waiting. The
//! counts live in the database ([`super::failures`]), so every server process on one
//! database counts the same tries.

use std::{collections::HashMap, net::IpAddr};

use app::domain::Millis;
use sha2::{Digest, Sha256};

/// What is being counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A login name (lowercased e-mail, whether or not such an account exists) tried from
    /// one client address (unknown in router tests).
    Account(String, Option<IpAddr>),
    /// A client address; an office behind one NAT shares it, so it gets more free tries.
    Client(IpAddr),
    /// A login name, from any address.
    AccountAnywhere(String),
}

/// How many failures are free and how the wait grows after them.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub free_account: u32,
    pub free_client: u32,
    pub free_anywhere: u32,
    pub first_wait: Millis,
    pub max_wait: Millis,
    /// The longest wait of [`Key::AccountAnywhere`].
    pub max_wait_anywhere: Millis,
    pub forget_after: Millis,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            free_account: 5,
            free_client: 20,
            free_anywhere: 100,
            first_wait: 1_000,
            max_wait: 15 * 60 * 1_000,
            max_wait_anywhere: 60 * 1_000,
            forget_after: 60 * 60 * 1_000,
        }
    }
}

impl Key {
    /// How the key is stored: a SHA-256 digest, so the table of counts holds no e-mail
    /// address or client address in clear (a digest can still be matched by trying
    /// candidates; rows live an hour).
    pub fn digest(&self) -> String {
        let text = match self {
            Key::Account(email, client) => match client {
                Some(ip) => format!("account\n{email}\n{ip}"),
                None => format!("account\n{email}\n"),
            },
            Key::Client(ip) => format!("client\n{ip}"),
            Key::AccountAnywhere(email) => format!("anywhere\n{email}"),
        };
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The wrong passwords counted for one key, and when the last one was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last: Millis,
}

/// One login try: the address typed (whether or not such an account exists) and, when known,
/// where it came from. Account and client, client, and account from anywhere are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    account: Key,
    client: Option<Key>,
    anywhere: Key,
}

impl Attempt {
    pub fn new(email: &str, client: Option<IpAddr>) -> Self {
        let email = email.trim().to_lowercase();
        let client = client.map(network);
        Self {
            account: Key::Account(email.clone(), client),
            client: client.map(Key::Client),
            anywhere: Key::AccountAnywhere(email),
        }
    }

    /// The account from this client, the account from anywhere, and the client when known.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        [&self.account, &self.anywhere]
            .into_iter()
            .chain(&self.client)
    }
}

/// What one client counts as: an IPv4 address, or an IPv6 /64 network.
fn network(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        },
    }
}

/// The counts of some keys under a policy: what the rules decide from.
#[derive(Debug)]
pub struct Throttle {
    policy: Policy,
    failures: HashMap<Key, Failures>,
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new(Policy::default())
    }
}

impl Throttle {
    pub fn new(policy: Policy) -> Self {
        Self::with(policy, [])
    }

    /// The rules over counts read from storage.
    pub fn with(policy: Policy, failures: impl IntoIterator<Item = (Key, Failures)>) -> Self {
        Self {
            policy,
            failures: failures.into_iter().collect(),
        }
    }

    /// `Ok` when `key` may try now, else how many milliseconds it must still wait.
    pub fn check(&self, key: &Key, now: Millis) -> Result<(), Millis> {
        let Some(f) = self.live(key, now) else {
            return Ok(());
        };
        let free = self.free(key);
        if f.count < free {
            return Ok(());
        }
        let doublings = (f.count - free).min(30);
        let cap = match key {
            Key::AccountAnywhere(_) => self.policy.max_wait_anywhere,
            Key::Account(..) | Key::Client(_) => self.policy.max_wait,
        };
        let wait = self
            .policy
            .first_wait
            .saturating_mul(1 << doublings)
            .min(cap);
        let ready = f.last + wait;
        if now >= ready {
            Ok(())
        } else {
            Err(ready - now)
        }
    }

    /// `Ok` when the attempt may go ahead, else the longest wait of its account and client.
    pub fn check_attempt(&self, attempt: &Attempt, now: Millis) -> Result<(), Millis> {
        match attempt
            .keys()
            .filter_map(|k| self.check(k, now).err())
            .max()
        {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    /// Lets the attempt go ahead, counted as a failure until [`Throttle::settle`] says the
    /// password was right; or answers how long it must still wait.
    pub fn begin(&mut self, attempt: &Attempt, now: Millis) -> Result<(), Millis> {
        self.check_attempt(attempt, now)?;
        for key in attempt.keys() {
            self.failed(key.clone(), now);
        }
        Ok(())
    }

    /// The outcome of an attempt let through by [`Throttle::begin`]: a wrong password stays
    /// counted; the right one gives its account a fresh start from this client and takes the
    /// other counts back.
    pub fn settle(&mut self, attempt: &Attempt, succeeded: bool) {
        if !succeeded {
            return;
        }
        self.failures.remove(&attempt.account);
        for key in std::iter::once(&attempt.anywhere).chain(&attempt.client) {
            if let Some(f) = self.failures.get_mut(key) {
                f.count = f.count.saturating_sub(1);
            }
        }
    }

    /// Records a wrong password for `key`.
    pub fn failed(&mut self, key: Key, now: Millis) {
        let count = self.live(&key, now).map_or(0, |f| f.count) + 1;
        self.failures.insert(key, Failures { count, last: now });
    }

    fn live(&self, key: &Key, now: Millis) -> Option<Failures> {
        let f = *self.failures.get(key)?;
        (now - f.last < self.policy.forget_after).then_some(f)
    }

    fn free(&self, key: &Key) -> u32 {
        match key {
            Key::Account(..) => self.policy.free_account,
            Key::Client(_) => self.policy.free_client,
            Key::AccountAnywhere(_) => self.policy.free_anywhere,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Millis = 1_000;

    fn anna() -> Key {
        Key::Account("anna@example.nl".into(), None)
    }

    fn fail(t: &mut Throttle, key: &Key, times: u32, at: Millis) {
        for _ in 0..times {
            t.failed(key.clone(), at);
        }
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().expect("ip"))
    }

    #[test]
    fn five_wrong_passwords_are_free_then_the_wait_doubles_up_to_the_cap() {
        let mut t = Throttle::default();
        fail(&mut t, &anna(), 5, 0);
        assert_eq!(
            t.check(&anna(), 0),
            Err(S),
            "after five failures: one second"
        );
        assert_eq!(t.check(&anna(), S), Ok(()));
        // (failures so far, wait after the last one)
        let cases = [
            (6, 2 * S),
            (7, 4 * S),
            (8, 8 * S),
            (15, 15 * 60 * S),
            (40, 15 * 60 * S),
        ];
        let mut count = 5;
        for (total, wait) in cases {
            fail(&mut t, &anna(), total - count, 100 * S);
            count = total;
            assert_eq!(
                t.check(&anna(), 100 * S),
                Err(wait),
                "after {total} failures"
            );
            assert_eq!(
                t.check(&anna(), 100 * S + wait),
                Ok(()),
                "after {total} failures"
            );
        }
    }

    #[test]
    fn the_right_user_is_never_locked_out_for_good() {
        let mut t = Throttle::default();
        let anna = Attempt::new("anna@example.nl", ip("10.0.0.9"));
        fail(&mut t, &anna.account, 10, 0);
        assert!(t.check_attempt(&anna, 0).is_err());
        assert_eq!(
            t.check_attempt(&anna, 15 * 60 * S),
            Ok(()),
            "at most the cap"
        );
        assert_eq!(t.begin(&anna, 15 * 60 * S), Ok(()));
        t.settle(&anna, true);
        for i in 0..4 {
            assert_eq!(
                t.begin(&anna, 20 * 60 * S + i),
                Ok(()),
                "counting started afresh"
            );
            t.settle(&anna, false);
        }
    }

    #[test]
    fn a_try_is_counted_when_let_through_so_parallel_guesses_wait_their_turn() {
        let mut t = Throttle::default();
        let guess = Attempt::new("anna@example.nl", ip("10.0.0.9"));
        // Fifty guesses arrive before any password check has finished.
        let through = (0..50).filter(|_| t.begin(&guess, 0).is_ok()).count();
        assert_eq!(through, 5);
        // The right password, once let through, takes back what `begin` counted.
        let mut t = Throttle::default();
        let anna = Attempt::new("anna@example.nl", ip("10.0.0.9"));
        for _ in 0..30 {
            assert_eq!(t.begin(&anna, 0), Ok(()));
            t.settle(&anna, true);
        }
        assert_eq!(t.check_attempt(&anna, 0), Ok(()));
    }

    #[test]
    fn an_attempt_waits_for_the_slower_of_its_account_and_client() {
        let mut t = Throttle::default();
        let from_office = Attempt::new(" Anna@Example.nl", ip("10.0.0.9"));
        for _ in 0..6 {
            t.begin(&from_office, 0).ok();
            t.settle(&from_office, false);
        }
        assert_eq!(
            t.check_attempt(&from_office, 0),
            Err(S),
            "the account's wait"
        );
        let other_account = Attempt::new("bob@example.nl", ip("10.0.0.9"));
        assert_eq!(
            t.check_attempt(&other_account, 0),
            Ok(()),
            "the client has 20 free"
        );
        for _ in 0..15 {
            t.begin(&other_account, 0).ok();
        }
        assert!(
            t.check_attempt(&other_account, 0).is_err(),
            "20 from one client"
        );
    }

    #[test]
    fn an_attacker_elsewhere_cannot_slow_the_real_user_down() {
        let mut t = Throttle::default();
        let attacker = Attempt::new("anna@example.nl", ip("203.0.113.9"));
        for _ in 0..30 {
            t.begin(&attacker, 0).ok();
            t.settle(&attacker, false);
        }
        assert!(t.check_attempt(&attacker, 0).is_err());
        let anna = Attempt::new("anna@example.nl", ip("198.51.100.7"));
        assert_eq!(t.check_attempt(&anna, 0), Ok(()));
    }

    #[test]
    fn guesses_spread_over_many_addresses_slow_the_account_for_a_minute_at_most() {
        let mut t = Throttle::default();
        let from = |i: u32| {
            let [_, _, hi, lo] = i.to_be_bytes();
            Attempt::new("anna@example.nl", Some(IpAddr::from([198, 51, hi, lo])))
        };
        let through = (0..1_000).filter(|i| t.begin(&from(*i), 0).is_ok()).count();
        assert_eq!(through, 100, "a hundred free, from anywhere");
        // The attacker keeps trying from a new address every second for an hour.
        let mut later = 0;
        for second in 1..3_600 {
            later += usize::from(t.begin(&from(1_000 + second), second as Millis * S).is_ok());
        }
        assert!(later <= 70, "about one a minute: {later}");
        let anna = Attempt::new("anna@example.nl", ip("192.0.2.1"));
        let waits = t.check_attempt(&anna, 3_600 * S).err().unwrap_or(0);
        assert!(
            waits <= 60 * S,
            "the real user waits a minute at most: {waits}"
        );
    }

    #[test]
    fn an_ipv6_network_counts_as_one_client() {
        let mut t = Throttle::default();
        for i in 0..30u16 {
            let addr = IpAddr::from([0x2001, 0xdb8, 0, 1, i, i, i, i]);
            t.begin(&Attempt::new(&format!("user{i}@example.nl"), Some(addr)), 0)
                .ok();
        }
        let same_network = Attempt::new("bob@example.nl", ip("2001:db8:0:1::99"));
        assert!(
            t.check_attempt(&same_network, 0).is_err(),
            "twenty from one /64"
        );
        let elsewhere = Attempt::new("bob@example.nl", ip("2001:db8:0:2::99"));
        assert_eq!(t.check_attempt(&elsewhere, 0), Ok(()));
        assert_eq!(
            network("::ffff:10.0.0.1".parse().expect("ip")),
            IpAddr::from([10, 0, 0, 1])
        );
    }

    #[test]
    fn a_quiet_hour_forgives_and_keys_are_counted_apart() {
        let mut t = Throttle::default();
        let office = Key::Client("10.0.0.1".parse().expect("ip"));
        fail(&mut t, &anna(), 6, 0);
        fail(&mut t, &office, 19, 0);
        assert!(t.check(&anna(), S).is_err());
        assert_eq!(t.check(&office, 0), Ok(()), "a shared address gets twenty");
        let bob = Key::Account("bob@example.nl".into(), None);
        assert_eq!(t.check(&bob, 0), Ok(()));
        assert_eq!(t.check(&anna(), 60 * 60 * S), Ok(()));
        t.failed(anna(), 60 * 60 * S);
        assert_eq!(
            t.check(&anna(), 60 * 60 * S),
            Ok(()),
            "the old failures are forgotten"
        );
    }
}
