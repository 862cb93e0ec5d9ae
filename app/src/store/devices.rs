//! Which device id this tablet syncs under. Interviewers who share a tablet each get their
//! own id, so the server's record of what one device sent (and whose it is) never mixes two
//! people; a fresh id replaces one the server holds for someone else or further along than
//! this tablet (a restored or cloned browser profile). The current id also stamps edits.

use std::collections::BTreeMap;

use super::{Backend, Store, StoreError, DEVICES_KEY, DEVICE_KEY};
use crate::domain::{DeviceId, UserId};

type Devices = BTreeMap<UserId, DeviceId>;

impl<B: Backend> Store<B> {
    /// The device id `user` syncs under here, made current. The first user to sync on a
    /// tablet keeps the id it already had; every later one gets a new id.
    pub fn device_for(&self, user: UserId) -> Result<DeviceId, StoreError> {
        let devices: Devices = self.read(DEVICES_KEY)?.unwrap_or_default();
        let id = match devices.get(&user) {
            Some(id) => *id,
            None if devices.is_empty() => self.device_id()?,
            None => DeviceId::new(),
        };
        self.use_device(devices, user, id)
    }

    /// A new device id for `user`, made current: the server refused the old one.
    pub fn new_device_for(&self, user: UserId) -> Result<DeviceId, StoreError> {
        let devices: Devices = self.read(DEVICES_KEY)?.unwrap_or_default();
        self.use_device(devices, user, DeviceId::new())
    }

    fn use_device(
        &self,
        mut devices: Devices,
        user: UserId,
        id: DeviceId,
    ) -> Result<DeviceId, StoreError> {
        if devices.insert(user, id) != Some(id) {
            self.write(DEVICES_KEY, &devices)?;
        }
        if self.device_id()? != id {
            self.write(DEVICE_KEY, &id)?;
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStorage;

    #[test]
    fn each_user_of_a_shared_tablet_syncs_under_an_id_of_their_own() {
        let memory = MemoryStorage::default();
        let store = Store::open(&memory).expect("opens");
        let (ina, bob) = (UserId::new(), UserId::new());
        let first = store.device_id().expect("device");
        assert_eq!(
            store.device_for(ina),
            Ok(first),
            "the first user keeps the id"
        );
        let bobs = store.device_for(bob).expect("device");
        assert_ne!(bobs, first);
        assert_eq!(
            store.device_id(),
            Ok(bobs),
            "edits are stamped with bob's id now"
        );
        assert_eq!(store.device_for(ina), Ok(first), "ina gets hers back");
        let renewed = store.new_device_for(ina).expect("device");
        assert!(renewed != first && renewed != bobs);
        assert_eq!(store.device_for(ina), Ok(renewed));
        assert_eq!(store.device_for(bob), Ok(bobs));
    }
}
