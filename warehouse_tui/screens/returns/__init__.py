"""The returns station and the supervisor's returns queues."""
