import GRDB
import Crypto
import Logging
import DualPrevention
enum P2 {}
