"""The simulated scale: stable, moving, settling, forced states — on a fake clock."""

import threading

import pytest

from desktop.devices.scales import ScaleDisconnected, SimulatedScale, open_scale
from desktop.domain.weighing import ScaleReading, ScaleState
from tests.url_checks import assert_refused


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def test_initial_weight_is_stable_at_once(clock):
    scale = SimulatedScale(1250, clock=clock)
    assert scale.read() == ScaleReading(1250, True, ScaleState.OK)
    assert scale.read().usable


def test_empty_platform_reads_stable_zero(clock):
    assert SimulatedScale(clock=clock).read() == ScaleReading(0, True, ScaleState.ZERO)


def test_new_weight_settles_after_the_configured_time(clock):
    scale = SimulatedScale(0, settle_s=1.0, wobble_g=20, clock=clock, seed=3)
    scale.set_weight(1250)
    early = [scale.read() for _ in range(50)]
    assert all(not r.stable and r.state is ScaleState.MOTION for r in early)
    assert all(1230 <= r.weight_g <= 1270 for r in early)
    assert len({r.weight_g for r in early}) > 1  # it really wobbles
    clock.now += 0.9
    late = [scale.read() for _ in range(50)]
    assert all(not r.stable for r in late)
    # The swing dies down: at 10 % of the settling time left, at most 10 % of 20 g.
    assert all(abs(r.weight_g - 1250) <= 2 for r in late)
    clock.now += 0.1
    assert scale.read() == ScaleReading(1250, True, ScaleState.OK)


def test_zero_settling_time_is_stable_immediately(clock):
    scale = SimulatedScale(settle_s=0, clock=clock)
    scale.set_weight(480)
    assert scale.read() == ScaleReading(480, True, ScaleState.OK)


def test_moving_wobbles_around_the_target_and_never_settles(clock):
    scale = SimulatedScale(2000, clock=clock, seed=1)
    scale.set_moving()
    clock.now += 3600
    readings = [scale.read() for _ in range(200)]
    assert not any(r.stable for r in readings)
    assert {r.state for r in readings} == {ScaleState.MOTION}
    assert all(1980 <= r.weight_g <= 2020 for r in readings)  # default wobble: 1 % of 2 kg
    assert len({r.weight_g for r in readings}) > 5
    assert not any(r.usable for r in readings)


def test_set_stable_ends_motion_and_settling_at_once(clock):
    scale = SimulatedScale(clock=clock)
    scale.set_weight(700)
    scale.set_moving()
    scale.set_stable(True)
    assert scale.read() == ScaleReading(700, True, ScaleState.OK)
    scale.set_stable(False)
    assert scale.read().state is ScaleState.MOTION


def test_set_weight_stops_moving_then_settles(clock):
    scale = SimulatedScale(100, settle_s=0.5, clock=clock)
    scale.set_moving()
    scale.set_weight(300)
    assert not scale.read().stable
    clock.now += 0.5
    assert scale.read() == ScaleReading(300, True, ScaleState.OK)


def test_light_item_never_wobbles_below_zero(clock):
    scale = SimulatedScale(1, wobble_g=50, clock=clock, seed=7)
    scale.set_moving()
    assert min(scale.read().weight_g for _ in range(200)) == 0


def test_negative_weight_after_tare_is_underload(clock):
    scale = SimulatedScale(-15, clock=clock)
    assert scale.read() == ScaleReading(-15, True, ScaleState.UNDERLOAD)
    assert not scale.read().usable


@pytest.mark.parametrize("state, expected", [
    (ScaleState.OVERLOAD, ScaleReading(900, False, ScaleState.OVERLOAD)),
    (ScaleState.UNDERLOAD, ScaleReading(900, False, ScaleState.UNDERLOAD)),
    (ScaleState.FAULT, ScaleReading(0, False, ScaleState.FAULT)),
    (ScaleState.ZERO, ScaleReading(0, True, ScaleState.ZERO)),
])
def test_forced_states_until_back_to_ok(clock, state, expected):
    scale = SimulatedScale(900, clock=clock)
    scale.set_state(state)
    assert scale.read() == expected
    assert not scale.read().usable
    scale.set_state(ScaleState.OK)
    assert scale.read() == ScaleReading(900, True, ScaleState.OK)


def test_forced_motion_is_set_moving(clock):
    scale = SimulatedScale(900, clock=clock)
    scale.set_state(ScaleState.MOTION)
    assert scale.read().state is ScaleState.MOTION
    scale.set_stable()
    assert scale.read().stable


def test_disconnected_makes_read_raise_like_a_real_driver(clock):
    scale = SimulatedScale(900, clock=clock)
    scale.set_state(ScaleState.DISCONNECTED)
    with pytest.raises(ScaleDisconnected):
        scale.read()
    with pytest.raises(OSError):  # the monitor and the app may catch the OSError family
        scale.read()
    scale.set_state("ok")
    assert scale.read().weight_g == 900


def test_above_capacity_is_overload(clock):
    scale = SimulatedScale(clock=clock, capacity_g=30000, settle_s=0)
    scale.set_weight(30000)
    assert scale.read().state is ScaleState.OK
    scale.set_weight(30001)
    assert scale.read() == ScaleReading(30001, False, ScaleState.OVERLOAD)


@pytest.mark.parametrize("bad", [1.5, "12", True, None])
def test_weights_are_whole_grams(bad):
    scale = SimulatedScale()
    with pytest.raises(TypeError):
        scale.set_weight(bad)


def test_same_seed_gives_the_same_wobble(clock):
    a, b = (SimulatedScale(5000, clock=clock, seed=42) for _ in range(2))
    a.set_moving()
    b.set_moving()
    assert [a.read() for _ in range(20)] == [b.read() for _ in range(20)]


def test_concurrent_controls_and_reads_stay_consistent():
    scale = SimulatedScale(settle_s=0)
    targets = set(range(100, 2100, 100))
    errors: list[BaseException] = []
    seen: list[ScaleReading] = []

    def writer():
        for _ in range(200):
            for t in sorted(targets):
                scale.set_weight(t)

    def reader():
        try:
            for _ in range(2000):
                seen.append(scale.read())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader)
                                                    for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(seen) == 6000
    assert all(r.stable and r.weight_g in targets | {0} for r in seen)


def test_open_scale_simulated_url_with_options():
    scale = open_scale("simulated://?weight=1250&settle=0&wobble=3&seed=1")
    assert isinstance(scale, SimulatedScale)
    assert scale.read() == ScaleReading(1250, True, ScaleState.OK)
    assert scale.settle_s == 0 and scale.wobble_g == 3
    assert open_scale("simulated://").read() == ScaleReading(0, True, ScaleState.ZERO)


@pytest.mark.parametrize("url, words", [
    ("simulated://?weight=1.5", "weight='1.5'"),
    ("simulated://?colour=red", "unknown option 'colour'"),
    ("simulated://box", "expected simulated://"),
    ("simulated://?settle=-1", "settle_s"),
    ("ftp://0922:8003", "unknown scheme 'ftp'"),
    ("", "empty"),
])
def test_open_scale_refuses_bad_urls_naming_them(url, words):
    assert_refused(open_scale, url, words)
